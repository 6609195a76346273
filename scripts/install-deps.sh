#!/usr/bin/env bash
# Installs every Debian 12 package CountyRead needs to build, run and test.
# Usage: scripts/install-deps.sh            (idempotent; uses sudo when not root)
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

PKGS=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git
  # DICOM
  libdcmtk-dev dcmtk dicom3tools
  # viewer: Qt 6 + VTK + OpenCV
  qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev libvtk9-dev
  libgl1-mesa-dri libglx-mesa0 fonts-noto-cjk
  # server libraries
  libsqlite3-dev libcpp-httplib-dev nlohmann-json3-dev libspdlog-dev libcli11-dev
  libtomlplusplus-dev libsodium-dev libssl-dev openssl
  # index database: libpq for the PostgreSQL backend; the server binaries for its tests
  # (the tests start a throwaway server; the system service is not enabled or started)
  libpq-dev postgresql
  # tests
  libgtest-dev libgmock-dev libpng-dev xvfb xauth curl
  # interoperability peers: Orthanc, and Node.js for dcmjs-dimse (tests/interop); bench tools
  orthanc bc python3
  # viewer: OpenCV core + imgproc only (thumbnails, display-only CLAHE / unsharp mask)
  libopencv-core-dev libopencv-imgproc-dev
  # the printed report: Pango/Cairo (Chinese text, PDF), QR codes; poppler-utils for its tests
  libpango1.0-dev libcairo2-dev libqrencode-dev poppler-utils
  # viewer: Qt Linguist (lupdate, lrelease) for the zh_CN / en user interface
  qt6-tools-dev qt6-l10n-tools
  # the admins' dashboard test drives a real headless browser
  chromium
)

# Node.js for dcmjs-dimse: Debian's packages unless a Node.js with npm is already installed.
if ! command -v npm >/dev/null 2>&1; then PKGS+=(nodejs npm); fi

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "[deps] all ${#PKGS[@]} packages already installed"
  exit 0
fi
echo "[deps] installing ${#missing[@]} packages: ${missing[*]}"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "[deps] done"
