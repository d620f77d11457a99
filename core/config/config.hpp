// The device configuration (TOML): where the data lives, which central record
// to sync with, and the kiosk's settings. Wrong configuration is refused with
// every problem listed as "file:line: what is wrong" -- never half-applied.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/decisions/conversion.hpp"
#include "core/judging/rubric.hpp"
#include "core/slots/issuing.hpp"

namespace oh {

struct KioskConfig {
    std::string language = "en";
    int idleTimeoutSeconds = 45;    // personal data leaves the screen after this
    std::string printer;            // CUPS queue; empty: badges go to the spool folder
    std::string spoolDir;           // default HOME/spool
    std::string badgeSize = "4x3";  // 4x3, 4x6, a6, cr80, a4-8up
    std::string leadPinHash;        // crypto_pwhash_str output ('openhouse pin-hash')
    std::string staffPinHash;
    std::string privacyNotice = "We use your name and e-mail to run this event.";
    std::string onScreenKeyboard = "auto";  // auto, always, never (kiosk/ui/keyboard.hpp)
    // What the device is for: "door" (check-in and badges), "scoring" (staff score demos on
    // a tablet) or "feedback" (peers rate demos). The same names as on screen titles and in
    // screenshot file names; the lead switches it on the device with the lead PIN.
    std::string mode = "door";
};

// Judging on the floor ([judging]): the rubric the scoring screen shows and how the scoring
// tablet unlocks. The quorum is conversion.quorum: one number for suggestions and decisions.
struct JudgingConfig {
    Rubric rubric = defaultRubric();  // [[judging.criteria]]; unset: the four default ones
    // Unlock scoring with the staff PIN alone, then pick one's name from the staff list
    // (where staff have no badges yet); false: a staff badge scan, then the staff PIN.
    bool pinAlone = false;
    int lockAfterIdleSeconds = 120;  // the scoring tablet locks itself after this
    int feedbackIdleSeconds = 30;    // the feedback screen returns to its start after this
    // The criteria an encore's review scores (keys of the rubric); empty: the whole rubric.
    std::vector<std::string> encoreReviewCriteria;
};

// A program: a set of events of the central record, and what running it costs beyond the
// events themselves (program management), for the KPIs' cost per hire.
struct ProgramConfig {
    std::string name;
    std::vector<std::string> events;  // event names or ids; empty: every event
    double managementCost = 0;
};

// [kpis]: the program's measures of success (core/kpis/).
struct KpiConfig {
    std::string currency = "EUR";
    std::vector<ProgramConfig> programs;       // [[kpis.program]]
    std::map<std::string, double> eventCosts;  // [kpis.event_costs]: event name or id -> cost
};

struct SyncConfig {
    // "sqlite:PATH" (embedded central record) or a "postgresql://" URL.
    std::string central;
    int batchSize = 2000;
    int maxBackoffSeconds = 300;
};

// How long invitations are valid around the event (core/identity/token.hpp
// invitationWindow): from well before the start, so a kiosk whose clock is behind still
// takes them, until the evening after the end.
struct InvitationConfig {
    int validBeforeStartHours = 24;
    int validAfterEndHours = 12;
};

struct Config {
    std::string home = "openhouse-data";
    std::string deviceName = "kiosk-1";
    std::string eventId;  // empty: the only event in the store
    KioskConfig kiosk;
    SyncConfig sync;
    ConversionRules conversion;  // [conversion]: who gets an immediate slot
    SlotPolicy slots;            // [conversion]: when the daemon issues, and its grants
    InvitationConfig invitations;
    JudgingConfig judging;
    KpiConfig kpis;
};

struct ConfigResult {
    std::optional<Config> config;     // set only when there are no errors
    std::vector<std::string> errors;  // "openhouse.toml:7: unknown key 'kiosk.idle_timout' ..."
};

ConfigResult parseConfig(std::string_view tomlText, const std::string& sourceName);
ConfigResult loadConfig(const std::string& path);

inline constexpr const char* kKioskModes[] = {"door", "scoring", "feedback", "showcase",
                                              "dashboard"};

// Every key parseConfig knows ("kiosk.lead_pin_hash", ...), in the order it reads them.
std::vector<std::string> configKeys();

// The commented openhouse.toml `openhouse init` writes: every key with its default value
// and a comment saying what it does (keys whose default is "unset" are commented out), with
// `home` set to the data folder. Parsing it gives Config{} except for `home`.
std::string defaultConfigText(const std::string& home, const std::string& eventId);

}  // namespace oh
