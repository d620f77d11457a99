// Keyboard-wedge scanners type a whole code in a burst of keystrokes and end it with Enter;
// people type slowly. WedgeDetector holds fast keystrokes back for a moment and decides:
// a burst of at least `minLength` characters, each within `maxGapMs` of the previous one and
// ended by Enter, is a scan; anything else is released as ordinary typing (a few tens of
// milliseconds late, which nobody notices).
//
// A key a person pressed just before a scan began (within `maxGapMs`) would otherwise be
// glued onto the front of the code. A scanner types at a steady pace, so at the end of a
// burst the leading keys that came much later than that pace (`leadFactor` times the median
// gap, and at least `leadMarginMs` more) are split off and released as typing first.
//
// Pure logic on timed key sequences: the main loop feeds it SDL text events with their
// timestamps, the unit tests feed it made-up times.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace oh::kiosk {

struct WedgeSettings {
    std::int64_t maxGapMs = 30;     // slower than this between two keys: a person typing
    std::size_t minLength = 20;     // shorter bursts are typing (codes are 187 characters)
    std::int64_t leadFactor = 3;    // a leading gap this many times the burst's pace ...
    std::int64_t leadMarginMs = 8;  // ... and this much longer than it: a person's key
};

struct WedgeOutput {
    enum class Kind { Typed, Scan };
    Kind kind = Kind::Typed;
    std::string text;  // UTF-8: the characters to type, or the scanned code (without Enter)
    bool operator==(const WedgeOutput&) const = default;
};

class WedgeDetector {
  public:
    explicit WedgeDetector(WedgeSettings settings = {}) : settings_(settings) {}

    // Text arriving at `atMs` (one or more UTF-8 characters of one event). Returns anything
    // that is now known to be typing (the held burst, when this key came too late for it).
    std::vector<WedgeOutput> text(const std::string& utf8, std::int64_t atMs);
    // Enter at `atMs`. Returns a Scan when the held burst qualifies (the Enter is then part of
    // the scan and must not reach the UI); otherwise the held text as Typed, and `passEnter`
    // is set: the Enter is the person's own.
    std::vector<WedgeOutput> enter(std::int64_t atMs, bool& passEnter);
    // Releases held text once the burst has gone quiet (call when nextDeadline() passes).
    std::vector<WedgeOutput> poll(std::int64_t nowMs);
    // When poll() must run next, if text is held.
    std::optional<std::int64_t> nextDeadline() const;
    bool holding() const { return !held_.empty(); }

  private:
    std::vector<WedgeOutput> release();
    // How many leading held events came before the scanner's burst began.
    std::size_t leadingTypedEvents() const;

    struct HeldEvent {
        std::size_t bytes;  // of held_
        std::int64_t atMs;
    };

    WedgeSettings settings_;
    std::vector<HeldEvent> events_;  // the held text, event by event, with arrival times
    std::string held_;
    std::size_t heldChars_ = 0;
    std::int64_t lastAt_ = 0;
};

}  // namespace oh::kiosk
