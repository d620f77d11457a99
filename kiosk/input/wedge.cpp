#include "kiosk/input/wedge.hpp"

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
    return out;
}

std::vector<WedgeOutput> WedgeDetector::text(const std::string& utf8, std::int64_t atMs) {
    std::vector<WedgeOutput> out;
    if (utf8.empty()) return out;
    if (!held_.empty() && atMs - lastAt_ > settings_.maxGapMs) out = release();
    held_ += utf8;
    heldChars_ += countChars(utf8);
    lastAt_ = atMs;
    return out;
}

std::vector<WedgeOutput> WedgeDetector::enter(std::int64_t atMs, bool& passEnter) {
    const bool burst = !held_.empty() && atMs - lastAt_ <= settings_.maxGapMs &&
                       heldChars_ >= settings_.minLength;
    if (burst) {
        passEnter = false;
        std::vector<WedgeOutput> out{{WedgeOutput::Kind::Scan, std::move(held_)}};
        held_.clear();
        heldChars_ = 0;
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
