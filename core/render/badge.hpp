// Name badges (cairo + pango): PDF for printing, PNG for the kiosk preview.
//
// Layout, top to bottom: role colour band with its label (colour is never the
// only cue), the name large (shrinks to fit, at most 2 lines, placed by
// baseline), pronouns, team, event name, and the signed token as a QR code
// (vector rectangles in PDF, with its quiet zone).
//
// Safe to call from a worker thread (pango's default font map is per thread);
// ~10-30 ms per badge, so not on the UI thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/model.hpp"

namespace oh {

enum class BadgeSize { Badge4x3, Badge4x6, A6, CR80, A4Sheet8Up };

// "4x3", "4x6", "a6", "cr80", "a4-8up" (case-insensitive); nullopt otherwise.
std::optional<BadgeSize> parseBadgeSize(std::string_view text);
const char* badgeSizeName(BadgeSize size);  // the names parseBadgeSize accepts

// The page of a size in PDF points: the badge itself, or the A4 sheet for A4Sheet8Up (slot
// cards print on the same A6 and 4x6 stock as badges).
struct PagePoints {
    double width = 0, height = 0;
};
PagePoints badgePagePoints(BadgeSize size);

struct BadgeData {
    std::string name, pronouns, team, eventName, token, language;  // language: BCP-47, may be empty
    Role role = Role::Guest;
    // The language of the printed role label ("en", "es"; others fall back to English): the
    // event's language (kiosk.language), since staff read badges, not only their wearer.
    std::string labelLanguage = "en";
};

// The role label printed on the band, upper case: "INTERN", "BECARIO/A", ...
const char* badgeRoleLabel(Role role, const std::string& labelLanguage);

struct BadgeResult {
    bool ok = false;
    std::string error;      // no token text in it (a credential)
    int unknownGlyphs = 0;  // summed over every text on every badge
    int qrVersion = 0;      // largest QR version used
};

// One badge per page, or 8 per A4 page (2 x 4, cut lines) for A4Sheet8Up.
// Mode 0600, atomic (temporary file + rename): badges carry credentials.
BadgeResult renderBadgePdf(const std::string& path, const std::vector<BadgeData>& badges,
                           BadgeSize size);
// A single badge as a PNG preview (white background), mode 0600, atomic. For
// A4Sheet8Up the preview is one cell of the sheet.
BadgeResult renderBadgePng(const std::string& path, const BadgeData& badge, BadgeSize size,
                           int dpi = 200);

}  // namespace oh
