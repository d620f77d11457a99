#include "kiosk/input/wedge.hpp"

#include <algorithm>

namespace oh::kiosk {

namespace {

std::size_t countChars(const std::string& utf8) {
    std::size_t n = 0;
    for (unsigned char c : utf8) {
        if ((c & 0xC0) != 0x80) ++n;
    }
    return n;
}

}  // namespace

std::vector<WedgeOutput> WedgeDetector::release() {
    std::vector<WedgeOutput> out;
    if (!held_.empty()) out.push_back({WedgeOutput::Kind::Typed, std::move(held_)});
    held_.clear();
    heldChars_ = 0;
    events_.clear();
    return out;
}

std::size_t WedgeDetector::leadingTypedEvents() const {
    // The pace needs a few gaps of the burst itself; a code in one or two events has none.
    if (events_.size() < 4) return 0;
    std::vector<std::int64_t> gaps;
    for (std::size_t i = 1; i < events_.size(); ++i)
        gaps.push_back(events_[i].atMs - events_[i - 1].atMs);
    std::vector<std::int64_t> sorted(gaps);
    std::nth_element(sorted.begin(),
                     sorted.begin() + static_cast<std::ptrdiff_t>(sorted.size() / 2), sorted.end());
    const std::int64_t pace = sorted[sorted.size() / 2];
    const std::int64_t limit = std::max(pace * settings_.leadFactor, pace + settings_.leadMarginMs);
    std::size_t lead = 0;
    // Only from the front, and never so much that the rest stops being a burst.
    while (lead < gaps.size() && gaps[lead] > limit) ++lead;
    return lead;
}

std::vector<WedgeOutput> WedgeDetector::text(const std::string& utf8, std::int64_t atMs) {
    std::vector<WedgeOutput> out;
    if (utf8.empty()) return out;
    if (!held_.empty() && atMs - lastAt_ > settings_.maxGapMs) out = release();
    events_.push_back({utf8.size(), atMs});
    held_ += utf8;
    heldChars_ += countChars(utf8);
    lastAt_ = atMs;
    return out;
}

std::vector<WedgeOutput> WedgeDetector::enter(std::int64_t atMs, bool& passEnter) {
    const bool burst =
        !held_.empty() && atMs - lastAt_ <= settings_.maxGapMs && heldChars_ >= settings_.minLength;
    if (burst) {
        passEnter = false;
        std::vector<WedgeOutput> out;
        std::size_t leadBytes = 0;
        for (std::size_t i = 0; i < leadingTypedEvents(); ++i) leadBytes += events_[i].bytes;
        std::string code = held_.substr(leadBytes);
        if (countChars(code) < settings_.minLength) {
            leadBytes = 0;  // what is left is too short to be a code: the pace test was wrong
            code = held_;
        }
        if (leadBytes > 0) out.push_back({WedgeOutput::Kind::Typed, held_.substr(0, leadBytes)});
        out.push_back({WedgeOutput::Kind::Scan, std::move(code)});
        held_.clear();
        heldChars_ = 0;
        events_.clear();
        return out;
    }
    passEnter = true;
    return release();
}

std::vector<WedgeOutput> WedgeDetector::poll(std::int64_t nowMs) {
    if (held_.empty() || nowMs - lastAt_ <= settings_.maxGapMs) return {};
    return release();
}

std::optional<std::int64_t> WedgeDetector::nextDeadline() const {
    if (held_.empty()) return std::nullopt;
    return lastAt_ + settings_.maxGapMs + 1;
}

}  // namespace oh::kiosk
