#!/usr/bin/env bash
# The README's test command: install, build everything, run every test through ctest.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export BUILD_DIR=${BUILD_DIR:-"$root/build"}
"$root/installer/build.sh" -DLOYALTY_BUILD_TESTS=ON -DLOYALTY_BUILD_BENCHMARKS=ON
cd "$BUILD_DIR"
ctest --output-on-failure -j"$(nproc)" --timeout 900
