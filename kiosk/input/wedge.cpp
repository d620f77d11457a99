#include "kiosk/input/wedge.hpp"

#include <algorithm>

#include "core/identity/token.hpp"

namespace oh::kiosk {

namespace {

std::size_t countChars(const std::string& utf8) {
    std::size_t n = 0;
    for (unsigned char c : utf8) {
        if ((c & 0xC0) != 0x80) ++n;
    }
    return n;
}

// RFC 4648 base32: what the token's text is made of after its prefix.
bool isBase32(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7');
}

constexpr std::size_t kTokenTextLength = kTokenPrefix.size() + (kTokenBytes * 8 + 4) / 5;

}  // namespace

bool isTokenPrefix(std::string_view text) {
    if (text.empty() || text.size() > kTokenTextLength) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i < kTokenPrefix.size() ? text[i] != kTokenPrefix[i] : !isBase32(text[i])) return false;
    }
    return true;
}

bool isTokenShaped(std::string_view text) {
    return text.size() == kTokenTextLength && isTokenPrefix(text);
}

std::string findToken(std::string_view text) {
    for (std::size_t at = text.find(kTokenPrefix); at != std::string_view::npos;
         at = text.find(kTokenPrefix, at + 1)) {
        if (isTokenShaped(text.substr(at, kTokenTextLength))) {
            return std::string(text.substr(at, kTokenTextLength));
        }
    }
    return "";
}

void WedgeDetector::reset() {
    held_.clear();
    heldChars_ = 0;
    events_.clear();
    longestGap_ = 0;
    tokenAt_.reset();
}

std::vector<WedgeOutput> WedgeDetector::release() {
    std::vector<WedgeOutput> out;
    if (!held_.empty()) out.push_back({WedgeOutput::Kind::Typed, std::move(held_)});
    reset();
    return out;
}

std::vector<WedgeOutput> WedgeDetector::releaseToken() {
    std::vector<WedgeOutput> out;
    if (*tokenAt_ > 0) out.push_back({WedgeOutput::Kind::Typed, held_.substr(0, *tokenAt_)});
    out.push_back({WedgeOutput::Kind::Scan, held_.substr(*tokenAt_)});
    reset();
    return out;
}

bool WedgeDetector::tokenComplete() const {
    return tokenAt_ && isTokenShaped(std::string_view(held_).substr(*tokenAt_));
}

bool WedgeDetector::tokenLongEnough() const {
    return tokenAt_ && held_.size() - *tokenAt_ >= settings_.minLength;
}

void WedgeDetector::findTokenStart() {
    if (tokenAt_ && isTokenPrefix(std::string_view(held_).substr(*tokenAt_))) return;
    const std::size_t from = tokenAt_ ? *tokenAt_ + 1 : 0;
    tokenAt_.reset();
    for (std::size_t at = held_.find(kTokenPrefix[0], from); at != std::string::npos;
         at = held_.find(kTokenPrefix[0], at + 1)) {
        if (isTokenPrefix(std::string_view(held_).substr(at))) {
            tokenAt_ = at;
            return;
        }
    }
}

std::int64_t WedgeDetector::gapLimit() const {
    if (!tokenAt_) return settings_.maxGapMs;
    // A complete token waits only for its Enter; one that has begun waits for the rest.
    const bool started = held_.size() - *tokenAt_ > kTokenPrefix.size() && !tokenComplete();
    return std::max(settings_.maxGapMs, started ? settings_.tokenGapMs : settings_.tokenStartGapMs);
}

std::vector<WedgeOutput> WedgeDetector::flush() {
    if (tokenComplete() || tokenLongEnough()) return releaseToken();
    return release();
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
    // Too late for what is held, or a complete token followed by more: decide what was held.
    if (!held_.empty() && (atMs - lastAt_ > gapLimit() || tokenComplete())) out = flush();
    if (!held_.empty()) longestGap_ = std::max(longestGap_, atMs - lastAt_);
    events_.push_back({utf8.size(), atMs});
    held_ += utf8;
    heldChars_ += countChars(utf8);
    lastAt_ = atMs;
    findTokenStart();
    // Held longer than a burst allows only because it looked like a token: now it is typing.
    if (!tokenAt_ && longestGap_ > settings_.maxGapMs) {
        for (auto& o : release()) out.push_back(std::move(o));
    }
    return out;
}

std::vector<WedgeOutput> WedgeDetector::enter(std::int64_t atMs, bool& passEnter) {
    const bool inTime = !held_.empty() && atMs - lastAt_ <= gapLimit();
    if (inTime && (tokenComplete() || tokenLongEnough())) {
        passEnter = false;
        return releaseToken();
    }
    const bool burst = inTime && atMs - lastAt_ <= settings_.maxGapMs &&
                       longestGap_ <= settings_.maxGapMs && heldChars_ >= settings_.minLength;
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
        reset();
        return out;
    }
    passEnter = true;
    return held_.empty() || inTime ? release() : flush();
}

std::vector<WedgeOutput> WedgeDetector::poll(std::int64_t nowMs) {
    if (held_.empty() || nowMs - lastAt_ <= gapLimit()) return {};
    return flush();
}

std::optional<std::int64_t> WedgeDetector::nextDeadline() const {
    if (held_.empty()) return std::nullopt;
    return lastAt_ + gapLimit() + 1;
}

}  // namespace oh::kiosk
