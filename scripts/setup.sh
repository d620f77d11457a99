#!/usr/bin/env bash
# Installs every Debian 12 package Openhouse needs to build, test and run the demo.
# Idempotent: packages already present are skipped by apt; nothing is downloaded
# from anywhere but Debian's archive.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libsdl2-dev libimgui-dev libstb-dev libfreetype-dev libgl-dev libegl-dev
  libgl1-mesa-dri libegl1 libegl-mesa0
  libqrencode-dev libzxing-dev libzbar-dev libturbojpeg0-dev libpng-dev
  libsqlite3-dev sqlite3 libsodium-dev
  libcairo2-dev libpango1.0-dev fonts-noto-core fonts-noto-cjk fontconfig
  libpq-dev postgresql-15 postgresql-client-15
  libgtest-dev libgmock-dev libbenchmark-dev
  libtomlplusplus-dev libcli11-dev libspdlog-dev libfmt-dev nlohmann-json3-dev libxlsxwriter-dev
  poppler-utils openssl unzip python3 clang-format
  libicu-dev
  xvfb x11-utils xdotool openbox   # the kiosk's real-window test (tests/kiosk/real_window_test.cpp)
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi

echo "setup: installing ${#missing[@]} packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get update -qq; then
  echo "setup: 'apt-get update' failed: check the network connection to Debian's archive and /etc/apt/sources.list, then run again" >&2
  exit 1
fi
# postgresql-common would create and start a system cluster; tests make their own.
if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
  $SUDO mkdir -p /etc/postgresql-common
  echo "create_main_cluster = false" | $SUDO tee /etc/postgresql-common/createcluster.conf >/dev/null
fi
if ! $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
  echo "setup: 'apt-get install' failed for some of: ${missing[*]} (see the apt output above); fix apt, then run again" >&2
  exit 1
fi
echo "setup: done"
