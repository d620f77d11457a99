// A tappable list row: a panel with a title and a subtitle in any script (shaped by pango:
// names, demo titles, teams) and an optional tag on the right ("Presenting now", "Scored").
// The row records its title as a clickable Hit, so scenarios can `tap-text` it.
#pragma once

#include <string>

#include "kiosk/screen.hpp"

namespace oh::kiosk::ui {

struct RowText {
    std::string title;
    std::string subtitle;
    std::string tag;           // right-aligned, in the UI font; empty: none
    bool highlighted = false;  // an accent border: the suggested or chosen row
    bool dimmed = false;       // muted title: not available (a conflict, already done)
};

// True when tapped. `id` keeps ImGui ids apart between rows.
bool listRow(AppContext& ctx, const std::string& id, const RowText& text, ImVec2 pos, ImVec2 size);

}  // namespace oh::kiosk::ui
