#!/usr/bin/env bash
# The README's test command: install, build everything, run every test through ctest.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export BUILD_DIR=${BUILD_DIR:-"$root/build"}
"$root/installer/build.sh" -DLOYALTY_BUILD_TESTS=ON -DLOYALTY_BUILD_BENCHMARKS=ON
cd "$BUILD_DIR"
# HQ's store suite runs against PostgreSQL too (a throwaway server on loopback that the
# tests start): here its absence is a failure, not a skip.
export LOYALTY_REQUIRE_POSTGRES=${LOYALTY_REQUIRE_POSTGRES:-1}
ctest --output-on-failure -j"$(nproc)" --timeout 900
