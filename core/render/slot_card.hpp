// The slot card: what an intern holds when demo day issued them a return-offer slot. A PDF
// page on the badge printer's stock (A6 or 4x6 in), and a PNG preview.
//
// Layout, top to bottom: a band naming the card, the compliment first (the intern's strength,
// then "Your demo "X" earned a return-offer slot."), the intern's name large (any script,
// fitted as on badges), what the slot is and how it is redeemed, the signed slot code as a QR
// with its short form under it, and the event's name with the issue date at the foot.
//
// Plain input, no store access: the caller signs the code (core/identity/slot_code.hpp) and
// writes the date for people (core/time/event_time.hpp formatEventDate).
#pragma once

#include <string>

#include "core/render/badge.hpp"

namespace oh {

struct SlotCardContent {
    std::string eventName;
    std::string fullName;        // printed whole: the card is the intern's own, like their badge
    std::string language;        // BCP-47 of the name, may be empty ("zh" / "ja" pick Han shapes)
    std::string demoTitle;       // the demo (showcase) that earned the slot
    bool throughEncore = false;  // won by the demo's encore assignment, after the day
    std::string compliment;      // one sentence for the intern (their strength); may be empty
    std::string issuedOn;        // the issue date as people read it: "Thursday 10 December 2026"
    std::string code;            // the signed "OHS:..." text, put in the QR
    std::string shortCode;       // printed under the QR (slotCodeShortForm of `code`)
};

// ok, error (never the code's text), unknownGlyphs, qrVersion: as for badges.
using SlotCardResult = BadgeResult;

// One card per page on BadgeSize::A6 or BadgeSize::Badge4x6 (any other size is refused with
// a sentence). Mode 0600, atomic (temporary file + rename): the card carries a credential.
// A card without a code, or with one QR cannot hold, is refused before any file is made.
SlotCardResult renderSlotCardPdf(const std::string& path, const SlotCardContent& card,
                                 BadgeSize size);
// The same card as a PNG on white (preview, tests), mode 0600, atomic.
SlotCardResult renderSlotCardPng(const std::string& path, const SlotCardContent& card,
                                 BadgeSize size, int dpi = 200);

}  // namespace oh
