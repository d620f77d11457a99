// Every screen's id, in one table. The ids are what scenario files (`go`, `expect screen`),
// screenshot file names, logs and tests name, so they are stable text; C++ code uses these
// constants and never spells an id itself.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace oh::kiosk {

namespace screen_id {
inline constexpr const char* attract = "attract";     // start screen, shown after idle
inline constexpr const char* search = "search";       // find your name
inline constexpr const char* welcome = "welcome";     // a committed check-in
inline constexpr const char* walkIn = "walk-in";      // register a guest on the spot
inline constexpr const char* staffPin = "staff-pin";  // staff PIN, opens the staff screen
inline constexpr const char* exitPin = "exit-pin";    // lead PIN, closes the kiosk
inline constexpr const char* staff = "staff";         // undo, reprint, revoke
inline constexpr const char* modePin = "mode-pin";    // lead PIN, opens the mode switch
inline constexpr const char* mode = "mode";           // door, scoring or feedback
// Scoring mode (a staff tablet): each id starts with the mode's name, as do screenshots.
inline constexpr const char* scoring = "scoring";             // locked: badge, then PIN
inline constexpr const char* scoringPick = "scoring-pick";    // PIN alone: pick your name
inline constexpr const char* scoringBoard = "scoring-board";  // suggestions, every demo
inline constexpr const char* scoringSheet = "scoring-sheet";  // the rubric of one demo
// Feedback mode (a kiosk or tablet for peers).
inline constexpr const char* feedback = "feedback";           // scan your badge
inline constexpr const char* feedbackPick = "feedback-pick";  // which demo
inline constexpr const char* feedbackForm = "feedback-form";  // three questions
// Showcase mode (the audience's big screen) and dashboard mode (the lead's, behind the PIN).
inline constexpr const char* showcase = "showcase";           // now, next, spotlights
inline constexpr const char* dashboardPin = "dashboard-pin";  // lead PIN, opens the dashboard
inline constexpr const char* dashboard = "dashboard";         // funnel, coverage, actions
inline constexpr std::string_view failurePrefix = "failure-";
}  // namespace screen_id

// A device's modes (config kiosk.mode, --mode) and the screen each starts on (and returns
// to when idle).
struct ModeStart {
    const char* mode;
    const char* startScreen;
};
inline constexpr std::array<ModeStart, 5> kModes{{
    {"door", screen_id::attract},
    {"scoring", screen_id::scoring},
    {"feedback", screen_id::feedback},
    {"showcase", screen_id::showcase},
    {"dashboard", screen_id::dashboardPin},
}};

inline const char* startScreenOf(std::string_view mode) {
    for (const auto& m : kModes)
        if (mode == m.mode) return m.startScreen;
    return screen_id::attract;
}

// Why a scan or a check-in did not let the person in: one failure screen each.
enum class FailureReason {
    AlreadyCheckedIn,
    Expired,
    NotYetValid,
    WrongEvent,
    Revoked,
    Unreadable,
    InvalidSignature,
    Unknown,
    Blocked,
    Error,  // the store could not save the check-in
};

struct FailureReasonName {
    FailureReason reason;
    const char*
        name;  // in the screen id ("failure-<name>") and the strings ("failure.<name>.title")
};

inline constexpr std::array<FailureReasonName, 10> kFailureReasons{{
    {FailureReason::AlreadyCheckedIn, "already_checked_in"},
    {FailureReason::Expired, "expired"},
    {FailureReason::NotYetValid, "not_yet_valid"},
    {FailureReason::WrongEvent, "wrong_event"},
    {FailureReason::Revoked, "revoked"},
    {FailureReason::Unreadable, "unreadable"},
    {FailureReason::InvalidSignature, "invalid_signature"},
    {FailureReason::Unknown, "unknown"},
    {FailureReason::Blocked, "blocked"},
    {FailureReason::Error, "error"},
}};

constexpr const char* failureReasonName(FailureReason reason) {
    for (const auto& entry : kFailureReasons)
        if (entry.reason == reason) return entry.name;
    return "unknown";
}

inline std::string failureScreenId(FailureReason reason) {
    return std::string(screen_id::failurePrefix) + failureReasonName(reason);
}

inline bool isFailureScreen(std::string_view id) {
    return id.substr(0, screen_id::failurePrefix.size()) == screen_id::failurePrefix;
}

}  // namespace oh::kiosk
