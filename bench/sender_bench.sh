#!/usr/bin/env bash
# Township line benchmark: a 300-slice 512x512 CT sent by countyread-send through a proxy
# limited to 4 Mbit/s into a county listener, without and with JPEG-LS lossless compression.
# Prints the time to deliver and the bytes on the wire for both, and their ratios.
# Usage: bench/sender_bench.sh [SLICES=300] [RATE_KBPS=4000] [ASSOCIATIONS=2]
# Run by hand (about 6-8 minutes at 4 Mbit/s); not part of ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SLICES="${1:-300}"
RATE="${2:-4000}"
ASSOC="${3:-2}"
BUILD="$ROOT/${COUNTYREAD_BUILD_DIR:-build-sender}"
if [ ! -x "$BUILD/bin/sender_bench" ] || [ ! -x "$BUILD/bin/countyread-samples" ]; then
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCOUNTYREAD_BUILD_VIEWER=OFF -DCOUNTYREAD_TEST_DIRS=sender >/dev/null
  cmake --build "$BUILD" -j2 --target countyread-send countyread-samples sender_bench
fi
WORK=$(mktemp -d /tmp/countyread-sender-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
echo "[bench] generating a ${SLICES}-slice 512x512 CT head"
"$BUILD/bin/countyread-samples" --out "$WORK/gen" --ct-slices "$SLICES" --ct-size 512 --dr-size 64 >/dev/null
"$BUILD/bin/sender_bench" "$WORK/gen/2-ct-head-gbk" "$RATE" "$ASSOC"
