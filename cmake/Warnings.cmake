# One interface target carries the project's warning flags; every target links it.
add_library(loyalty_warnings INTERFACE)
add_library(loyalty::warnings ALIAS loyalty_warnings)
target_compile_options(loyalty_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough
  $<$<BOOL:${LOYALTY_WERROR}>:-Werror>)
