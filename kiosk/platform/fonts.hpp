// Font lookup through fontconfig and the ImGui font atlas at the display's scale.
#pragma once

#include <filesystem>
#include <map>
#include <string>

struct ImFont;
struct ImFontAtlas;

namespace oh::kiosk {

// Sizes in design pixels at the 1280x800 reference layout; multiplied by the UI scale.
struct FontSizes {
    float small = 24.0f;
    float body = 28.0f;
    float button = 34.0f;
    float heading = 48.0f;
    float title = 76.0f;
};

// The fonts every screen may use. Pointers are owned by the ImGui atlas.
struct Fonts {
    ImFont* small = nullptr;
    ImFont* body = nullptr;
    ImFont* bodyBold = nullptr;
    ImFont* button = nullptr;
    ImFont* heading = nullptr;
    ImFont* title = nullptr;
};

struct FontFile {
    std::string path;
    int index = 0;  // face index inside a .ttc collection
    std::string family;
};

// Role -> fontconfig pattern, from assets/fonts.txt ("regular", "bold", "cjk"); defaults to
// Noto Sans / Noto Sans CJK JP when the file is missing.
std::map<std::string, std::string> readFontRoles(const std::filesystem::path& fontsTxt);

// Asks fontconfig for the best file for a pattern such as "Noto Sans:bold".
// Returns an empty path when fontconfig finds nothing at all.
FontFile matchFont(const std::string& pattern);

// Clears the atlas and rebuilds it at `scale` with glyphs for `text` (plus Latin-1 and common
// punctuation). Throws std::runtime_error when no usable font file is found.
Fonts buildFonts(ImFontAtlas& atlas, const std::map<std::string, std::string>& roles,
                 const std::string& text, float scale, const FontSizes& sizes = {});

}  // namespace oh::kiosk
