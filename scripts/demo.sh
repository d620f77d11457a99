#!/usr/bin/env bash
# The demo (README): installs packages, builds, and sets up a demo event in an
# embedded central record: a seeded roster (two teams of three micro-interns,
# guests, staff judges, an event lead), signed invitation QR codes, and an
# enrolled kiosk device. It proves the codes (decodes one invitation PNG with
# the kiosk's decoder, verifies it, checks it in), syncs the kiosk with the
# central record, then opens the kiosk on the demo event. Without a display it
# says so and runs a headless kiosk scenario that writes a screenshot per screen.
# Finally it imports the demo's judging sheet and exports the offer-slot list.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

bash scripts/setup.sh
echo "demo: building (Release)"
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/release --target openhouse openhouse-kiosk >/dev/null

home=${OPENHOUSE_HOME:-$root/openhouse-data/demo}
rm -rf "$home"
mkdir -p "$home"
oh() { "$root/build/release/sync/openhouse" --home "$home" "$@"; }

day=$(date -u +%Y-%m-%d)
oh init --name "Openhouse Demo Day" --venue "HQ, Floor 3" --budget 3 \
  --starts "${day}T09:00Z" --ends "${day}T21:00Z"
oh import-roster "$root/assets/demo/roster.csv"
# The demo schedule: six demos in two rooms this afternoon (the template's DAY is today).
sed "s/DAY/$day/g" "$root/assets/demo/schedule.template.csv" > "$home/schedule.csv"
oh import-schedule "$home/schedule.csv"
oh invites
# The lead PIN that unlocks exit on the demo kiosk (a real event sets its own).
lead_hash=$(echo 2468 | oh pin-hash)
staff_hash=$(echo 1357 | oh pin-hash)
(umask 077 && cat > "$home/openhouse.toml" <<TOML
home = "$home"
[device]
name = "kiosk-1"
[kiosk]
idle_timeout_seconds = 45
lead_pin_hash = "$lead_hash"
staff_pin_hash = "$staff_hash"
TOML
)
oh enrol --device kiosk-1

first=$(ls "$home"/invites/*.png | head -n 1)
token=$(oh decode "$first")
echo "demo: $(basename "$first") decodes to ${token:0:24}..."
oh verify "$token"
oh checkin "$token" --device kiosk-1
oh checkin "$token" --device kiosk-1 || true   # the second scan says when and where
oh status --device kiosk-1
oh sync --once --device kiosk-1
oh sync status --device kiosk-1

kiosk=(build/release/kiosk/openhouse-kiosk --config "$home/openhouse.toml" --home "$home" --device kiosk-1)
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${OPENHOUSE_DEMO_HEADLESS:-}" ]; then
  echo "demo: opening the kiosk (lead PIN 2468 to exit, staff PIN 1357; tap the logo for staff)"
  "${kiosk[@]}" --windowed
else
  echo "demo: no display here: running the kiosk headless through kiosk/scenarios/demo.scenario"
  # An intern's invitation that the CLI has not checked in yet.
  invite=$(grep ',intern,' "$home/invites/mail-merge.csv" | tr -d '\r' | awk -F, '{print $NF}' \
           | grep -vxF "$first" | head -n 1)
  OPENHOUSE_DEMO_INVITE=$invite "${kiosk[@]}" --headless --size 1280x800 \
    --scenario kiosk/scenarios/demo.scenario --screenshots "$home/kiosk-screens"
  echo "demo: kiosk screenshots in $home/kiosk-screens/"
fi
oh sync --once --device kiosk-1   # the kiosk's check-ins and walk-ins reach the central record
oh status
# Judging: the demo event's scores and peer ratings (from a judging sheet, the
# paper fallback), then the conversion decisions and the offer-slot list.
(umask 077 && mkdir -p "$home/exports")
oh import-judging "$root/assets/demo/judging.csv"
oh slots --out "$home/exports/offer-slots.csv"
oh slots --out "$home/exports/offer-slots.xlsx" >/dev/null
echo "demo: offer-slot list in $home/exports/ (offer-slots.csv, offer-slots.xlsx)"

cat <<MSG

demo: ready.
  central record   $home/central.db
  signing keys     $home/keys/
  invitations      $home/invites/ (one PNG per attendee, mail-merge.csv, invites.pdf)
  kiosk store      $home/devices/kiosk-1.db
  configuration    $home/openhouse.toml (demo lead PIN 2468, staff PIN 1357)
  offer slots      $home/exports/offer-slots.csv, offer-slots.xlsx
Try: build/release/sync/openhouse --home "$home" status
MSG
