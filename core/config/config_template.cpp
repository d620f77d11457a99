// The commented openhouse.toml that `openhouse init` writes (defaultConfigText): the values
// come from Config's defaults, so the file and the code cannot disagree.
#include <fmt/format.h>

#include "core/config/config.hpp"

namespace oh {

namespace {

// A TOML basic string: quotes, backslashes and control characters escaped.
std::string tomlString(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
            out += fmt::format("\\u{:04X}", static_cast<unsigned char>(c));
        } else {
            out += c;
        }
    }
    return out + "\"";
}

const char* boolText(bool v) {
    return v ? "true" : "false";
}

std::string deviceAndSync(const Config& d, const std::string& home, const std::string& eventId) {
    return fmt::format(
        "# data folder: central.db (embedded central record), keys/, devices/, invites/\n"
        "home = {home}\n\n"
        "[device]\n"
        "# this machine's device name: letters, digits, '-' and '_' (enrol it with\n"
        "# 'openhouse enrol --device NAME'; each kiosk has its own)\n"
        "name = {name}\n"
        "# the event this device serves; unset: the only event in its store\n"
        "# event = {event}\n\n"
        "[sync]\n"
        "# the central record: 'sqlite:PATH' or a 'postgresql://' URL; unset: no sync\n"
        "# central = {central}\n"
        "# records per round trip\n"
        "batch_size = {batch}\n"
        "# longest wait between retries while the central record is unreachable\n"
        "max_backoff_seconds = {backoff}\n\n",
        fmt::arg("home", tomlString(home)), fmt::arg("name", tomlString(d.deviceName)),
        fmt::arg("event", tomlString(eventId)),
        fmt::arg("central", tomlString("sqlite:" + home + "/central.db")),
        fmt::arg("batch", d.sync.batchSize), fmt::arg("backoff", d.sync.maxBackoffSeconds));
}

std::string kiosk(const KioskConfig& k) {
    return fmt::format(
        "[kiosk]\n"
        "# REQUIRED before a kiosk starts in lockdown: the event lead's PIN as a hash from\n"
        "# 'openhouse pin-hash' (never the PIN itself). It closes the kiosk and opens the staff\n"
        "# screen.\n"
        "lead_pin_hash = {lead}\n"
        "# the staff PIN's hash (staff screen only); empty: only the lead PIN opens it\n"
        "staff_pin_hash = {staff}\n"
        "# two-letter language of the screens (en or es); switchable on the attract screen\n"
        "language = {language}\n"
        "# screens with personal data go back to the attract screen after this\n"
        "idle_timeout_seconds = {idle}\n"
        "# CUPS queue for 'lp -d'; empty: badges are spooled as PDFs to spool_dir\n"
        "printer = {printer}\n"
        "# where badges wait when there is no printer; empty: HOME/spool\n"
        "spool_dir = {spool}\n"
        "# 4x3, 4x6, a6, cr80 or a4-8up\n"
        "badge_size = {badge}\n"
        "# shown on the walk-in form\n"
        "privacy_notice = {privacy}\n"
        "# on-screen keyboard for touch-only kiosks: auto (search screen and tapped walk-in\n"
        "# fields; hidden once someone types on a keyboard), always, never\n"
        "on_screen_keyboard = {keyboard}\n"
        "# what this device is for: door (check-in and badges), scoring (staff score demos)\n"
        "# or feedback (peers rate demos); the lead can switch it on the device (lead PIN)\n"
        "mode = {mode}\n\n",
        fmt::arg("lead", tomlString(k.leadPinHash)), fmt::arg("staff", tomlString(k.staffPinHash)),
        fmt::arg("language", tomlString(k.language)), fmt::arg("idle", k.idleTimeoutSeconds),
        fmt::arg("printer", tomlString(k.printer)), fmt::arg("spool", tomlString(k.spoolDir)),
        fmt::arg("badge", tomlString(k.badgeSize)),
        fmt::arg("privacy", tomlString(k.privacyNotice)),
        fmt::arg("keyboard", tomlString(k.onScreenKeyboard)), fmt::arg("mode", tomlString(k.mode)));
}

std::string slotIssuing(const SlotPolicy& p) {
    return fmt::format(
        "\n# when the sync daemon issues the slots the rules select: \"immediate\" (at quorum),\n"
        "# \"window\" (decision_window_seconds after quorum, so an early demo does not take the\n"
        "# last slot from a stronger one minutes later) or \"manual\" ('openhouse slots --issue')\n"
        "issue = {mode}\n"
        "decision_window_seconds = {window}\n"
        "# a device holds a grant of this many slots of the budget at a time, issues from it\n"
        "# (also offline) and gives back what it does not use\n"
        "grant_size = {size}\n"
        "# how long a grant lasts; a device stops issuing from it then, by its own clock\n"
        "grant_minutes = {ttl}\n"
        "# the embedded central reclaims a grant this long after it ended (PostgreSQL: the\n"
        "# server's oh_meta 'grant_margin_ms')\n"
        "grant_reclaim_margin_minutes = {margin}\n\n",
        fmt::arg("mode", tomlString(issueModeName(p.mode))), fmt::arg("window", p.windowMs / 1000),
        fmt::arg("size", p.grantSize), fmt::arg("ttl", p.grantTtlMs / 60000),
        fmt::arg("margin", p.reclaimMarginMs / 60000));
}

std::string conversionAndInvitations(const ConversionRules& c, const InvitationConfig& i) {
    return fmt::format(
        "[conversion]\n"
        "# who gets an immediate conversion slot ('openhouse slots')\n\n"
        "# judges a demo needs before any decision\n"
        "quorum = {quorum}\n"
        "# calibrated score (mean per-judge z-score) for a slot\n"
        "bar = {bar}\n"
        "# this far below the bar: an encore assignment instead\n"
        "encore_margin = {margin}\n"
        "# the demo must name a change in a live metric\n"
        "require_impact = {impact}\n"
        "# mean peer rating (1-5) needed; 0 turns the peer rule off\n"
        "min_peer_rating = {rating}\n"
        "# peer ratings needed for the peer rule to count\n"
        "min_peer_count = {count}\n"
        "# cohorts with fewer decided demos get no selection rate\n"
        "fairness_min_cell = {cell}\n"
        "# an encore assignment is due this many days after its demo\n"
        "encore_due_days = {due}\n"
        "{issuing}"
        "[invitations]\n"
        "# invitations are valid from this long before the event starts (a kiosk whose clock\n"
        "# is behind still takes them); applies to codes signed from now on\n"
        "valid_before_start_hours = {before}\n"
        "# and until this long after it ends\n"
        "valid_after_end_hours = {after}\n",
        fmt::arg("quorum", c.quorum), fmt::arg("bar", c.bar), fmt::arg("margin", c.encoreMargin),
        fmt::arg("impact", boolText(c.requireImpact)), fmt::arg("rating", c.minPeerRating),
        fmt::arg("count", c.minPeerCount), fmt::arg("cell", c.fairnessMinCell),
        fmt::arg("due", c.encoreDueDays), fmt::arg("before", i.validBeforeStartHours),
        fmt::arg("after", i.validAfterEndHours), fmt::arg("issuing", slotIssuing(Config{}.slots)));
}

std::string judging(const JudgingConfig& j) {
    return fmt::format(
        "\n[judging]\n"
        "# unlock the scoring tablet with the staff PIN alone, then pick one's name; false:\n"
        "# scan a staff badge, then the staff PIN\n"
        "pin_alone = {alone}\n"
        "# the scoring tablet locks itself after this many idle seconds\n"
        "lock_after_idle_seconds = {lock}\n"
        "# the feedback screen returns to its start after this many idle seconds\n"
        "feedback_idle_seconds = {feedback}\n"
        "# the criteria an encore's review scores (keys of the rubric); unset: all of them\n"
        "# encore_review_criteria = [\"impact\", \"quality\"]\n"
        "# the rubric: unset, four criteria (impact on a live metric x2, quality of the\n"
        "# deliverable, communication, cross-functional validation). Each criterion has a key\n"
        "# (kept with the scores), a title, a weight and what levels 1 to 5 mean; also\n"
        "# writable as [[judging.criteria]] tables\n"
        "# criteria = [{{ key = \"impact\", title = \"Impact on a live metric\", weight = 2, "
        "levels = [\"No change\", \"A change\", \"A clear change\", \"On the team's "
        "metric\", \"Large and lasting\"] }}]\n",
        fmt::arg("alone", boolText(j.pinAlone)), fmt::arg("lock", j.lockAfterIdleSeconds),
        fmt::arg("feedback", j.feedbackIdleSeconds));
}

std::string kpis(const KpiConfig& k) {
    return fmt::format(
        "\n[kpis]\n"
        "# the program's KPIs ('openhouse kpis'): the currency of the costs below\n"
        "currency = {currency}\n"
        "# programs: sets of events (names or ids) and their management costs, for the cost\n"
        "# per hire; also writable as [[kpis.program]] tables\n"
        "# program = [{{ name = \"Spring 2027\", events = [\"Lisbon open house\"], "
        "management_cost = 12000 }}]\n"
        "# what each event cost (by event name or id)\n"
        "# event_costs = {{ \"Lisbon open house\" = 3500 }}\n",
        fmt::arg("currency", tomlString(k.currency)));
}

}  // namespace

std::string defaultConfigText(const std::string& home, const std::string& eventId) {
    const Config d;
    return "# Openhouse configuration, written by 'openhouse init'. Every key is shown with its\n"
           "# default; unknown keys are refused so a typo never goes unnoticed. Each key's "
           "comment\n"
           "# above it says what it does. Mode 0600: keep it so.\n\n" +
           deviceAndSync(d, home, eventId) + kiosk(d.kiosk) +
           conversionAndInvitations(d.conversion, d.invitations) + judging(d.judging) +
           kpis(d.kpis);
}

}  // namespace oh
