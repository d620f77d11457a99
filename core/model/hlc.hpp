// Hybrid logical clock (Kulkarni et al.): wall milliseconds + a counter + the
// node id. It orders score writes across devices whose clocks disagree a little,
// and its text form sorts in clock order, so SQL can compare it as a string.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace oh {

struct Hlc {
    std::int64_t wall = 0;      // Unix milliseconds
    std::uint32_t counter = 0;  // orders events within one millisecond
    std::string node;           // device id: breaks ties between devices

    // "000001800000000123-00002a-<node>": fixed-width so that text order is
    // clock order (wall, then counter, then node).
    std::string str() const;
    static std::optional<Hlc> parse(std::string_view text);
    friend bool operator==(const Hlc&, const Hlc&) = default;
    friend auto operator<=>(const Hlc&, const Hlc&) = default;
};

class HlcClock {
  public:
    using Physical = std::function<std::int64_t()>;
    static constexpr std::int64_t kDefaultMaxDriftMs = 5 * 60 * 1000;

    explicit HlcClock(std::string node, Physical physical = {},
                      std::int64_t maxDriftMs = kDefaultMaxDriftMs);

    // A timestamp for a local event, later than every one issued or received.
    Hlc now();
    // Merges a remote timestamp. Refuses (returns false, clock unchanged) one
    // more than maxDrift ahead of our physical clock: a device whose clock is far
    // in the future must not drag everyone's clock (and win every merge) with it.
    bool receive(const Hlc& remote);
    // Merges a timestamp already vetted by the central record (which applies
    // the drift rule against its own clock): a device whose clock is behind
    // still orders its next write after what it has seen.
    void observe(const Hlc& remote);
    // How far `remote` is ahead of our physical clock (negative: behind).
    std::int64_t aheadBy(const Hlc& remote) const;

    // Restores the last value after a restart so time never runs backwards.
    void restore(const Hlc& last);
    const Hlc& last() const { return last_; }
    std::int64_t physicalNow() const;
    // Replaces the physical clock (tests: a device whose clock is off).
    void setPhysical(Physical physical) { physical_ = std::move(physical); }
    std::int64_t maxDriftMs() const { return maxDriftMs_; }

  private:
    Physical physical_;
    std::int64_t maxDriftMs_;
    Hlc last_;
};

}  // namespace oh
