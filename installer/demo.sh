#!/usr/bin/env bash
# The README's main job: install, build, then price the example baskets with the example
# bundle and print what a cashier and a loyalty manager read.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export BUILD_DIR=${BUILD_DIR:-"$root/build"}
"$root/installer/build.sh" -DLOYALTY_BUILD_TESTS=OFF -DLOYALTY_BUILD_BENCHMARKS=OFF
exec "$root/installer/run-demo.sh" "$BUILD_DIR"
