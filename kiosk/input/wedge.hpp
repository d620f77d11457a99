// Keyboard-wedge scanners type a whole code as keystrokes and end it with Enter; people type
// slowly. WedgeDetector holds keystrokes back for a moment and decides what they were.
//
// 1. A signed token is recognised by its shape ("OH:" and base32, 184 characters; see
//    core/identity/token.hpp), whatever the timing: text that could still grow into a token is
//    held with a tolerant gap (`tokenGapMs`), because a busy machine stalls key events for
//    tens to hundreds of milliseconds and real scanners can be set to type slowly (Zebra's
//    "long" USB keystroke delay is 40 ms a key; Honeywell's intercharacter delay goes up to
//    seconds). A complete token is a scan with Enter, with another key, or once quiet (scanners
//    set up without a suffix). A cut-off token of `minLength` or more is a scan too: the
//    check-in then says the code could not be read, rather than searching for it.
// 2. Any other burst of at least `minLength` characters, each within `maxGapMs` of the
//    previous one and ended by Enter, is a scan (other codes: the desk says what they are).
// Anything else is released as ordinary typing, a few tens of milliseconds late (text that
// starts like a token -- a lone "O" -- up to `tokenStartGapMs` late), which nobody notices.
//
// A key a person pressed just before a scan began (within `maxGapMs`) would otherwise be
// glued onto the front of the code. A token's prefix marks where it starts; for other codes,
// a scanner types at a steady pace, so at the end of a burst the leading keys that came much
// later than that pace (`leadFactor` times the median gap, and at least `leadMarginMs` more)
// are split off and released as typing first.
//
// Pure logic on timed key sequences: the main loop feeds it SDL text events with their
// timestamps, the unit tests feed it made-up times.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oh::kiosk {

struct WedgeSettings {
    std::int64_t maxGapMs = 30;          // slower than this between two keys: a person typing
    std::size_t minLength = 20;          // shorter bursts are typing (tokens are 184 characters)
    std::int64_t leadFactor = 3;         // a leading gap this many times the burst's pace ...
    std::int64_t leadMarginMs = 8;       // ... and this much longer than it: a person's key
    std::int64_t tokenStartGapMs = 300;  // gap allowed after "O", "OH" or "OH:"
    std::int64_t tokenGapMs = 1500;  // gap allowed inside a token ("OH:A..." on, until complete)
};

// The signed token's text shape (core/identity/token.hpp): "OH:" and base32, 184 characters.
bool isTokenShaped(std::string_view text);
// `text` could still grow into a token ("O", "OH:", "OH:AE...").
bool isTokenPrefix(std::string_view text);
// The first complete token inside `text` (pasted or typed into a field), or "" if none.
std::string findToken(std::string_view text);

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
    void reset();
    std::vector<WedgeOutput> release();
    // Everything held, decided now: a token (or other code) as a Scan, the rest as Typed.
    std::vector<WedgeOutput> flush();
    // The held text from `tokenAt_` on as a Scan, anything before it as Typed.
    std::vector<WedgeOutput> releaseToken();
    std::int64_t gapLimit() const;
    void findTokenStart();
    bool tokenComplete() const;
    bool tokenLongEnough() const;
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
    std::int64_t longestGap_ = 0;         // between two held events
    std::optional<std::size_t> tokenAt_;  // byte offset in held_ where a token may start
};

}  // namespace oh::kiosk
