// Printable invitation sheets: A4 PDF pages (cairo + pango) with one cell per
// invitee -- name, role and team, the event's name, date and venue, and the
// signed token as a QR code drawn with vector rectangles so it stays crisp at
// any print size -- and the invitation card PNG for the mail merge (the code
// with the event's name, date and venue under it; no personal name).
#pragma once

#include <string>
#include <vector>

namespace oh {

struct InviteEntry {
    std::string name;  // any script: Latin, Arabic, Devanagari, CJK, ...
    std::string team;
    std::string role;
    std::string token;  // "OH:..." text to put in the QR code
};

// What an invitation says about the event. `when` is already written for people
// on the venue's clock (core/time/event_time.hpp formatEventWhen); empty fields
// are left out.
struct InviteEvent {
    std::string name;
    std::string when;
    std::string venue;
};

// Layout: A4 portrait, 2 columns x 4 rows of cells per page, dashed cut lines.
constexpr int kInviteColumns = 2;
constexpr int kInviteRows = 4;
constexpr int kInvitesPerPage = kInviteColumns * kInviteRows;

// Writes all entries (ceil(n / 8) pages) to `path` with mode 0600, atomically:
// the sheet holds credentials. Returns false with *error for no entries, a
// token that cannot be encoded (the entry is named), or an I/O/cairo failure;
// no partial file is left behind.
bool writeInviteSheetPdf(const std::string& path, const std::vector<InviteEntry>& entries,
                         const InviteEvent& event, std::string* error);
// The same with only the event's name.
bool writeInviteSheetPdf(const std::string& path, const std::vector<InviteEntry>& entries,
                         const std::string& eventName, std::string* error);

// One invitation as a PNG (mode 0600, atomic): the QR code at `pixelsPerModule` with its
// quiet zone, and under it the event's name, date and venue. False with *error for a token
// that cannot be encoded or an I/O failure.
bool writeInviteCardPng(const std::string& path, const std::string& token, const InviteEvent& event,
                        int pixelsPerModule, std::string* error);

}  // namespace oh
