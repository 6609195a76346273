#!/usr/bin/env bash
# Ingest benchmark: the same fresh 512x512 CT instances, sent by DCMTK storescu with 1 and with
# 8 concurrent associations, to (a) bare storescp writing files, (b) Orthanc (Debian package,
# SQLite index, default storage) and (c) countyread-server. Prints instances/s and ratios.
# Usage: bench/ingest.sh [N=300]      (needs a build in build/; installs orthanc if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
N="${1:-300}"
BIN="$ROOT/${COUNTYREAD_BUILD_DIR:-build}/bin"
WORK=$(mktemp -d /tmp/countyread-bench.XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT
export TCP_NODELAY=1
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
command -v Orthanc >/dev/null || { $SUDO apt-get install -y -qq orthanc >/dev/null; }
command -v storescu >/dev/null || { echo "dcmtk missing: run scripts/install-deps.sh"; exit 1; }
[ -x "$BIN/countyread-server" ] || { echo "build first: scripts/build.sh"; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 1 200); do (echo >/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.05; done; return 1; }

echo "[bench] generating $N CT instances (512x512)"
"$BIN/countyread-samples" --out "$WORK/gen" --ct-slices "$N" --ct-size 512 --dr-size 256 >/dev/null
FILES=("$WORK"/gen/2-ct-head-gbk/*.dcm)
[ "${#FILES[@]}" -eq "$N" ] || { echo "expected $N files, got ${#FILES[@]}"; exit 1; }
# Split into 8 chunks for the 8-association runs.
for i in $(seq 0 7); do mkdir -p "$WORK/chunk$i"; done
idx=0; for f in "${FILES[@]}"; do ln -s "$f" "$WORK/chunk$((idx % 8))/$(basename "$f")"; idx=$((idx+1)); done

# send PORT AET ASSOCIATIONS -> prints elapsed seconds
send() {
  local port=$1 aec=$2 assoc=$3 start end
  start=$(date +%s.%N)
  if [ "$assoc" -eq 1 ]; then
    storescu -aet WENAN -aec "$aec" 127.0.0.1 "$port" "${FILES[@]}" >/dev/null 2>"$WORK/send.err" || { cat "$WORK/send.err"; return 1; }
  else
    local pids=()
    for i in $(seq 0 7); do
      storescu -aet WENAN -aec "$aec" 127.0.0.1 "$port" +sd "$WORK/chunk$i" >/dev/null 2>>"$WORK/send.err" & pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p" || { cat "$WORK/send.err"; return 1; }; done
  fi
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

start_storescp() {  # DIR PORT
  storescp --fork -od "$1" "$2" >/dev/null 2>&1 & echo $!
}
start_orthanc() {  # DIR PORT
  local http; http=$(free_port)
  cat >"$1.json" <<JSON
{ "Name": "bench", "StorageDirectory": "$1/storage", "IndexDirectory": "$1/index",
  "DicomAet": "ORTHANC", "DicomPort": $2, "HttpPort": $http, "RemoteAccessAllowed": false,
  "DicomCheckCalledAet": false, "DicomServerEnabled": true, "Plugins": [] }
JSON
  mkdir -p "$1"; Orthanc "$1.json" >"$1.log" 2>&1 & echo $!
}
start_countyread() {  # DIR PORT
  local http; http=$(free_port)
  "$BIN/countyread-server" --data "$1" --dicom-port "$2" --http-port "$http" --aet COUNTY >"$1.log" 2>&1 & echo $!
}

declare -A RATE
for target in storescp orthanc countyread; do
  for assoc in 1 8; do
    dir="$WORK/$target-$assoc"; port=$(free_port)
    case $target in
      storescp) pid=$(start_storescp "$dir" "$port"); mkdir -p "$dir"; aec=ANY ;;
      orthanc) pid=$(start_orthanc "$dir" "$port"); aec=ORTHANC ;;
      countyread) pid=$(start_countyread "$dir" "$port"); aec=COUNTY ;;
    esac
    mkdir -p "$dir"; wait_port "$port" || { echo "$target did not start"; exit 1; }
    secs=$(send "$port" "$aec" "$assoc")
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
    RATE[$target-$assoc]=$(echo "$N / $secs" | bc -l)
    printf '[bench] %-10s %d assoc: %6.2f s  %8.1f instances/s\n' "$target" "$assoc" "$secs" "${RATE[$target-$assoc]}"
  done
done

# The disk's durability floor, same files, same folder: each one written to a temporary name,
# fdatasync'ed and renamed (one flush per instance, no DICOM, no index). A single association
# is strictly request/response, so no server that acknowledges only durable data can beat this
# rate there; bare storescp never flushes.
FLOOR=$(python3 - "$WORK/floor" "${FILES[@]}" <<'PY'
import os, sys, time
out = sys.argv[1]; os.makedirs(out, exist_ok=True)
start = time.monotonic()
for i, f in enumerate(sys.argv[2:]):
    data = open(f, "rb").read()
    tmp = os.path.join(out, "%d.part" % i)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.write(fd, data); os.fdatasync(fd); os.close(fd)
    os.rename(tmp, os.path.join(out, "%d.dcm" % i))
print((len(sys.argv) - 2) / (time.monotonic() - start))
PY
)
printf '[bench] durable-write floor (write + fdatasync + rename per file): %8.1f instances/s\n' "$FLOOR"

ratio() { echo "${RATE[$1]} / ${RATE[$2]}" | bc -l; }
echo
printf 'instances/s (N=%d)     1 assoc    8 assoc\n' "$N"
for t in storescp orthanc countyread; do printf '  %-18s %9.1f  %9.1f\n' "$t" "${RATE[$t-1]}" "${RATE[$t-8]}"; done
printf 'countyread / orthanc   %9.2fx %9.2fx   (target >= 2x)\n' "$(ratio countyread-1 orthanc-1)" "$(ratio countyread-8 orthanc-8)"
printf 'countyread / storescp  %9.2fx %9.2fx   (target >= 0.8x at 1 association)\n' "$(ratio countyread-1 storescp-1)" "$(ratio countyread-8 storescp-8)"
printf 'countyread / floor     %9.2fx              (1 association: the most a durable server can do on this disk)\n' "$(echo "${RATE[countyread-1]} / $FLOOR" | bc -l)"
printf 'storescp / floor       %9.2fx              (how much of storescp is the missing flush)\n' "$(echo "${RATE[storescp-1]} / $FLOOR" | bc -l)"
