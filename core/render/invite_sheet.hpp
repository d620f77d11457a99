// Printable invitation sheets: A4 PDF pages (cairo + pango) with one cell per
// invitee -- name, role and team, and the signed token as a QR code drawn
// with vector rectangles so it stays crisp at any print size.
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

// Layout: A4 portrait, 2 columns x 4 rows of cells per page, dashed cut lines.
constexpr int kInviteColumns = 2;
constexpr int kInviteRows = 4;
constexpr int kInvitesPerPage = kInviteColumns * kInviteRows;

// Writes all entries (ceil(n / 8) pages) to `path` with mode 0600, atomically:
// the sheet holds credentials. Returns false with *error for no entries, a
// token that cannot be encoded (the entry is named), or an I/O/cairo failure;
// no partial file is left behind.
bool writeInviteSheetPdf(const std::string& path, const std::vector<InviteEntry>& entries,
                         const std::string& eventName, std::string* error);

}  // namespace oh
