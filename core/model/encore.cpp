#include "core/model/encore.hpp"

#include <sodium.h>

#include <array>

#include "core/model/ids.hpp"

namespace oh {

namespace {
constexpr const char* kStateNames[] = {"assigned", "submitted", "reviewed", "expired"};
}

const char* encoreStateName(EncoreState state) {
    return kStateNames[static_cast<int>(state)];
}

std::optional<EncoreState> parseEncoreState(std::string_view name) {
    for (int i = 0; i < 4; ++i)
        if (name == kStateNames[i]) return static_cast<EncoreState>(i);
    return std::nullopt;
}

EncoreState encoreStateAt(const EncoreAssignment& a, std::int64_t nowMs) {
    if (a.state == EncoreState::Assigned && nowMs > a.dueAt) return EncoreState::Expired;
    return a.state;
}

std::string encoreIdFor(std::string_view showcaseId, std::string_view internId) {
    // The separator cannot occur in either id, so two pairs never hash alike by concatenation.
    const std::string name =
        "openhouse.encore\n" + std::string(showcaseId) + "\n" + std::string(internId);
    Uuid u;
    crypto_generichash(u.bytes.data(), u.bytes.size(),
                       reinterpret_cast<const unsigned char*>(name.data()), name.size(), nullptr,
                       0);
    u.bytes[6] = static_cast<unsigned char>((u.bytes[6] & 0x0f) | 0x80);  // version 8
    u.bytes[8] = static_cast<unsigned char>((u.bytes[8] & 0x3f) | 0x80);  // RFC variant
    return u.str();
}

}  // namespace oh
