#!/usr/bin/env bash
# The whole CountyRead path on one machine: installs, builds, generates township studies,
# starts the county server (embedded SQLite archive, demo configuration), a township PACS
# stand-in (DCMTK storescp, AE WENAN) that receives the signed reports, sends the studies
# with countyread-send, and opens the radiologist's viewer when a display exists.
# Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DEMO="${COUNTYREAD_DEMO_DIR:-$ROOT/demo-data}"
DICOM_PORT="${COUNTYREAD_DICOM_PORT:-11112}"
HTTP_PORT="${COUNTYREAD_HTTP_PORT:-8042}"
TOWNSHIP_PORT=11113   # fixed by the demo configuration
BIN="$ROOT/${COUNTYREAD_BUILD_DIR:-build}/bin"

step() { printf '\n\033[1m[demo] %s\033[0m\n' "$*"; }

step "1/6 installing dependencies"
bash scripts/install-deps.sh
step "2/6 building"
bash scripts/build.sh

pids=()
cleanup() {
  trap - INT TERM EXIT
  step "stopping"
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "[demo] stopped. Data kept in $DEMO"
}
trap cleanup INT TERM EXIT

mkdir -p "$DEMO/township-inbox" "$DEMO/logs"
step "3/6 generating township studies in $DEMO/samples"
if [ ! -d "$DEMO/samples" ]; then
  "$BIN/countyread-samples" --out "$DEMO/samples" --township-aet WENAN
else
  echo "[demo] reusing $DEMO/samples"
fi

step "4/6 starting the township PACS stand-in (storescp WENAN:$TOWNSHIP_PORT) and the county server"
storescp -aet WENAN -od "$DEMO/township-inbox" "$TOWNSHIP_PORT" >"$DEMO/logs/township.log" 2>&1 &
pids+=($!)
"$BIN/countyread-server" --data "$DEMO/archive" --dicom-port "$DICOM_PORT" --http-port "$HTTP_PORT" \
  --aet COUNTY >"$DEMO/logs/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
  grep -q ready "$DEMO/logs/server.log" && break
  kill -0 "${pids[-1]}" 2>/dev/null || { cat "$DEMO/logs/server.log"; exit 1; }
  sleep 0.1
done
grep ready "$DEMO/logs/server.log"

step "5/6 township WENAN sends its studies to the county"
"$BIN/countyread-send" --host 127.0.0.1 --port "$DICOM_PORT" --aet WENAN --called-aet COUNTY "$DEMO/samples"

KEY="$DEMO/archive/demo-pki/li.key"
API="http://127.0.0.1:$HTTP_PORT"
step "6/6 ready"
cat <<INFO
  HTTP API       $API/api/v1   (users li / wenan / admin, password: demo)
  worklist       curl -s -X POST $API/api/v1/login -d '{"user":"li","password":"demo"}'
  reports arrive $DEMO/township-inbox   (township log: $DEMO/logs/township.log)
  server log     $DEMO/logs/server.log
  signing key    $KEY (password: demo)
INFO
if [ -n "${DISPLAY:-}" ] && [ -x "$BIN/countyread-viewer" ]; then
  echo "[demo] opening the viewer as radiologist li (李明); close it or press Ctrl-C to stop"
  "$BIN/countyread-viewer" --server "$API" --user li --password demo --key "$KEY" --key-password demo || true
else
  echo "[demo] no display: the viewer is not opened. Headless, a report can be signed with:"
  echo "  $BIN/countyread-viewer --server $API --user li --password demo --study <UID> --report report.txt --key $KEY --key-password demo"
  echo "[demo] press Ctrl-C to stop"
  while true; do sleep 3600; done
fi
