#!/usr/bin/env bash
# The demo (README): installs packages, builds, and sets up a demo event in an
# embedded central record: a seeded roster (two teams of three micro-interns,
# guests, staff judges, an event lead), signed invitation QR codes, and an
# enrolled kiosk device. It proves the codes (decodes one invitation PNG with
# the kiosk's decoder, verifies it, checks it in), syncs the kiosk with the
# central record, then opens the kiosk on the demo event. Without a display it
# says so and runs headless kiosk scenarios that write a screenshot per screen: the door,
# then the same device as a scoring tablet (a judge scores a demo) and as a feedback kiosk
# (a guest rates it).
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

# The event runs around now, whatever the hour, so demos are presenting as the demo runs.
now=$(date -u +%s)
at() { date -u -d "@$((now + $1 * 60))" +"$2"; }
oh init --name "Openhouse Demo Day" --venue "HQ, Floor 3" --budget 3 \
  --starts "$(at -300 %Y-%m-%dT%H:%MZ)" --ends "$(at 420 %Y-%m-%dT%H:%MZ)"
oh import-roster "$root/assets/demo/roster.csv"
# The demo schedule: seven demos in two rooms; two present now and one is still to come (the
# template's NOW-70 is seventy minutes ago).
schedule=$(cat "$root/assets/demo/schedule.template.csv")
for offset in -70 -50 -40 -20 -10 +10 +20 +40; do
  schedule=${schedule//NOW$offset/$(at "$offset" "%Y-%m-%d %H:%M")}
done
printf '%s\n' "$schedule" > "$home/schedule.csv"
oh import-schedule "$home/schedule.csv"
oh invites
# The lead PIN that unlocks exit on the demo kiosk (a real event sets its own).
lead_hash=$(echo 2468 | oh pin-hash)
staff_hash=$(echo 1357 | oh pin-hash)
(umask 077 && cat > "$home/openhouse.toml" <<TOML
home = "$home"
[device]
name = "kiosk-1"
[conversion]
issue = "immediate"
[kiosk]
idle_timeout_seconds = 45
lead_pin_hash = "$lead_hash"
staff_pin_hash = "$staff_hash"
[kpis]
currency = "EUR"
event_costs = { "Openhouse Demo Day" = 4000 }
[[kpis.program]]
name = "Autumn 2026"
events = ["Openhouse Demo Day"]
management_cost = 6000
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
  # The same device as a staff tablet (a judge's badge, the staff PIN), then as a feedback
  # kiosk (a guest's badge): each mode's screenshots are named with the mode first.
  judge=$(grep ',daniel.okafor@example.org,' "$home/invites/mail-merge.csv" | tr -d '\r' \
          | awk -F, '{print $NF}')
  peer=$(grep ',layla.hassan@example.org,' "$home/invites/mail-merge.csv" | tr -d '\r' \
         | awk -F, '{print $NF}')
  OPENHOUSE_DEMO_JUDGE=$judge "${kiosk[@]}" --mode scoring --headless --size 1280x800 \
    --scenario kiosk/scenarios/scoring.scenario --screenshots "$home/kiosk-screens"
  OPENHOUSE_DEMO_PEER=$peer "${kiosk[@]}" --mode feedback --headless --size 1920x1080 \
    --scenario kiosk/scenarios/feedback.scenario --screenshots "$home/kiosk-screens"
  echo "demo: kiosk screenshots in $home/kiosk-screens/ (door, scoring-*, feedback-*)"
fi
# The kiosk's check-ins, walk-ins, scores and feedback reach the central record.
oh sync --once --device kiosk-1
oh status
# Judging: the rest of the demo event's scores and peer ratings (from a judging sheet, the
# paper fallback), then the conversion decisions and the offer-slot list. Data pipeline
# refactor has two judges on the sheet: the third is the score given on the tablet above.
(umask 077 && mkdir -p "$home/exports")
oh import-judging --levels "$root/assets/demo/judging.csv"
# The kiosk's daemon issues the slots the rules select from its own grant of the budget
# ([conversion] issue = "immediate"), and the central confirms them; the lead then sees the
# budget and the slots with their states.
oh sync --once --device kiosk-1
oh grants
oh slots --issued
# The first live slot's card, for the intern's hand: its code is checked offline by `verify`.
first_slot=$(oh slots --issued | awk '$2 == "issued" {print $1; exit}')
if [ -n "$first_slot" ]; then oh slots card "$first_slot"; fi
oh slots --out "$home/exports/offer-slots.csv"
oh slots --out "$home/exports/offer-slots.xlsx" >/dev/null
echo "demo: offer-slot list in $home/exports/ (offer-slots.csv, offer-slots.xlsx)"
# The encore: a borderline demo's intern is assigned one (the judges' brief, due ten days
# after the demo); the lead names the reviewer, the intern's work is recorded, the reviewer
# scores it on the rubric, and the rules decide again. A pass takes a slot through the
# daemon's grant if the budget allows, else the waitlist.
oh encore list
encore_intern=$(oh encore list | awk 'NR == 1 {print $3}')
if [ -n "$encore_intern" ]; then
  oh encore brief "$encore_intern" --reviewer grace.kim@example.org \
    --text "Show the change holds for two weeks on the live metric"
  oh encore submit "$encore_intern" --link "https://example.com/encore/week-2"
  oh encore review "$encore_intern" --reviewer grace.kim@example.org \
    --level impact=5 --level quality=4 --level communication=5 --level validation=4
  oh sync --once --device kiosk-1
  oh encore list --all
fi
# The program's KPIs: the funnel with its rates, the encore pass rate, the time from demo to
# slot, the cost per hire and fairness per cohort, printed and as a workbook.
oh kpis --program "Autumn 2026" --out "$home/exports/kpis.xlsx"
# Room B runs five minutes late: the lead shifts its remaining demos; every showcase screen
# follows once it syncs. The scores and the check-in list, as the lead exports them.
oh schedule shift --room "Room B" --minutes 5
oh sync --once --device kiosk-1
oh export scores --out "$home/exports/scores.xlsx"
oh export checkins --out "$home/exports/checkins.csv"
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || [ -n "${OPENHOUSE_DEMO_HEADLESS:-}" ]; then
  # The audience's big screen, and the lead's dashboard on the lead's laptop (this home holds
  # the central record, so its shift is the program team's).
  "${kiosk[@]}" --mode showcase --headless --size 1920x1080 \
    --scenario kiosk/scenarios/showcase.scenario --screenshots "$home/kiosk-screens"
  "${kiosk[@]}" --mode dashboard --headless --size 1920x1080 \
    --scenario kiosk/scenarios/dashboard.scenario --screenshots "$home/kiosk-screens"
  oh sync --once --device kiosk-1
  echo "demo: showcase-* and dashboard-* screenshots in $home/kiosk-screens/"
fi

cat <<MSG

demo: ready.
  central record   $home/central.db
  signing keys     $home/keys/
  invitations      $home/invites/ (one PNG per attendee, mail-merge.csv, invites.pdf)
  kiosk store      $home/devices/kiosk-1.db
  configuration    $home/openhouse.toml (demo lead PIN 2468, staff PIN 1357)
  offer slots      $home/exports/offer-slots.csv, offer-slots.xlsx
  lead's exports   $home/exports/scores.xlsx, checkins.csv (and the dashboard's)
  KPI workbook     $home/exports/kpis.xlsx
  slot card        $home/exports/slot-*.pdf
Try: build/release/sync/openhouse --home "$home" status
MSG
