#!/usr/bin/env bash
# Installs dependencies, builds, and runs every test (unit, GUI under Xvfb, end-to-end).
# This is exactly what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
cd "${COUNTYREAD_BUILD_DIR:-build}"
start=$(date +%s)
# GUI tests start their own xvfb-run; end-to-end tests carry the label "e2e".
ctest --output-on-failure --timeout 900 -j "${COUNTYREAD_TEST_JOBS:-2}"
echo "[test] done in $(( $(date +%s) - start )) s"
