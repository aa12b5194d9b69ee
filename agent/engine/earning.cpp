// Owned by the engine work in progress; implemented in this file.
#include "earning.h"
