#!/usr/bin/env bash
# Configures and builds CountyRead into build/ (Ninja, ccache when present).
# Usage: scripts/build.sh [extra cmake args...]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${COUNTYREAD_BUILD_DIR:-build}"
JOBS="${COUNTYREAD_JOBS:-$(nproc)}"
export CCACHE_DIR="${CCACHE_DIR:-$PWD/.cache/ccache}"
start=$(date +%s)
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$BUILD_DIR" -j "$JOBS"
echo "[build] done in $(( $(date +%s) - start )) s -> $BUILD_DIR/bin"
