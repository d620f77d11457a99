#include "core/model/hlc.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <tuple>

#include "core/model/ids.hpp"

namespace oh {

std::string Hlc::str() const {
    char head[32];
    std::snprintf(head, sizeof head, "%018lld-%06x-", static_cast<long long>(wall),
                  static_cast<unsigned>(counter & 0xffffffu));
    return head + node;
}

std::optional<Hlc> Hlc::parse(std::string_view text) {
    if (text.size() < 26 || text[18] != '-' || text[25] != '-') return std::nullopt;
    Hlc h;
    auto wallPart = text.substr(0, 18);
    auto counterPart = text.substr(19, 6);
    auto r1 = std::from_chars(wallPart.data(), wallPart.data() + wallPart.size(), h.wall);
    auto r2 =
        std::from_chars(counterPart.data(), counterPart.data() + counterPart.size(), h.counter, 16);
    if (r1.ec != std::errc{} || r1.ptr != wallPart.data() + wallPart.size()) return std::nullopt;
    if (r2.ec != std::errc{} || r2.ptr != counterPart.data() + counterPart.size())
        return std::nullopt;
    h.node = std::string(text.substr(26));
    return h;
}

HlcClock::HlcClock(std::string node, Physical physical, std::int64_t maxDriftMs)
    : physical_(std::move(physical)), maxDriftMs_(maxDriftMs) {
    last_.node = std::move(node);
}

std::int64_t HlcClock::physicalNow() const {
    return physical_ ? physical_() : nowMillis();
}

Hlc HlcClock::now() {
    std::int64_t pt = physicalNow();
    if (pt > last_.wall) {
        last_.wall = pt;
        last_.counter = 0;
    } else if (++last_.counter > 0xffffffu) {
        // The counter is 24 bits in the text form: borrow the next millisecond.
        ++last_.wall;
        last_.counter = 0;
    }
    return last_;
}

std::int64_t HlcClock::aheadBy(const Hlc& remote) const {
    return remote.wall - physicalNow();
}

bool HlcClock::receive(const Hlc& remote) {
    if (remote.wall - physicalNow() > maxDriftMs_) return false;
    observe(remote);
    return true;
}

void HlcClock::observe(const Hlc& remote) {
    std::int64_t pt = physicalNow();
    std::int64_t wall = std::max({last_.wall, remote.wall, pt});
    std::uint32_t counter = 0;
    if (wall == last_.wall && wall == remote.wall)
        counter = std::max(last_.counter, remote.counter) + 1;
    else if (wall == last_.wall)
        counter = last_.counter + 1;
    else if (wall == remote.wall)
        counter = remote.counter + 1;
    last_.wall = wall;
    last_.counter = counter;
}

void HlcClock::restore(const Hlc& last) {
    if (std::tie(last.wall, last.counter) > std::tie(last_.wall, last_.counter)) {
        last_.wall = last.wall;
        last_.counter = last.counter;
    }
}

}  // namespace oh
