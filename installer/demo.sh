#!/usr/bin/env bash
# The README's main job: install, build, then a checkout at a till (a loyalty-agent with a
# generated 10,000-member snapshot and a POS scanning a QR card picture, as the cashier sees
# it), then the example baskets priced with the example bundle (installer/run-demo.sh).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export BUILD_DIR=${BUILD_DIR:-"$root/build"}
"$root/installer/build.sh" -DLOYALTY_BUILD_TESTS=OFF -DLOYALTY_BUILD_BENCHMARKS=OFF
exec "$root/installer/run-demo.sh" "$BUILD_DIR"
