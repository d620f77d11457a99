#!/usr/bin/env bash
# The demo (README): installs packages, builds, and sets up a demo event in an
# embedded central record: a seeded roster (two teams of three micro-interns,
# guests, staff judges, an event lead), signed invitation QR codes, and an
# enrolled kiosk device. Then it proves the codes: decodes one invitation PNG
# with the kiosk's decoder, verifies it and checks it in.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

bash scripts/setup.sh
echo "demo: building (Release)"
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/release --target openhouse >/dev/null

home=${OPENHOUSE_HOME:-$root/openhouse-data/demo}
rm -rf "$home"
mkdir -p "$home"
oh() { "$root/build/release/sync/openhouse" --home "$home" "$@"; }

day=$(date -u +%Y-%m-%d)
oh init --name "Openhouse Demo Day" --venue "HQ, Floor 3" --budget 3 \
  --starts "${day}T09:00Z" --ends "${day}T21:00Z"
oh import-roster "$root/assets/demo/roster.csv"
oh invites
oh enrol --device kiosk-1

first=$(ls "$home"/invites/*.png | head -n 1)
token=$(oh decode "$first")
echo "demo: $(basename "$first") decodes to ${token:0:24}..."
oh verify "$token"
oh checkin "$token" --device kiosk-1
oh checkin "$token" --device kiosk-1 || true   # the second scan says when and where
oh status --device kiosk-1

cat <<MSG

demo: ready.
  central record   $home/central.db
  signing keys     $home/keys/
  invitations      $home/invites/ (one PNG per attendee, mail-merge.csv, invites.pdf)
  kiosk store      $home/devices/kiosk-1.db
Try: build/release/sync/openhouse --home "$home" status
MSG
