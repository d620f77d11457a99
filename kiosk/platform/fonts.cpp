#include "kiosk/platform/fonts.hpp"

#include <fontconfig/fontconfig.h>
#include <imgui.h>
#include <imgui_freetype.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8
#include <spdlog/spdlog.h>

#include <fstream>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <vector>

#include "core/text/trim.hpp"

namespace oh::kiosk {

namespace {

std::vector<char> readBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read font " + path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// CJK code points are rare in our strings; everything in these blocks goes to the CJK font.
bool isCjk(ImWchar c) {
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF);
}

struct Ranges {
    ImVector<ImWchar> latin;
    ImVector<ImWchar> cjk;
};

Ranges glyphRanges(const std::string& text) {
    ImFontGlyphRangesBuilder latin;
    ImFontGlyphRangesBuilder cjk;
    // Basic Latin, Latin-1 (Spanish, French, German...), Latin Extended-A (Polish, Czech,
    // Turkish...: the on-screen keyboard's accent keys), dashes, quotes, bullets, euro.
    // Text people type is drawn by pango (any script), not from this atlas.
    static const ImWchar kBase[] = {0x0020, 0x017F, 0x2010, 0x2027, 0x20AC, 0x20AC, 0};
    latin.AddRanges(kBase);
    const char* p = text.c_str();
    const char* end = p + text.size();
    while (p < end) {
        unsigned int c = 0;
        int n = ImTextCharFromUtf8(&c, p, end);
        if (n <= 0) break;
        p += n;
        if (c > 0xFFFF) continue;  // ImWchar is 16-bit in Debian's build: BMP only
        (isCjk(static_cast<ImWchar>(c)) ? cjk : latin).AddChar(static_cast<ImWchar>(c));
    }
    Ranges out;
    latin.BuildRanges(&out.latin);
    cjk.BuildRanges(&out.cjk);
    return out;
}

// Font bytes shared by every size; the atlas only borrows them until Build().
struct FontData {
    FontFile file;
    std::vector<char> bytes;
};

std::unique_ptr<FontData> loadRole(const std::map<std::string, std::string>& roles,
                                   const std::string& role) {
    auto it = roles.find(role);
    if (it == roles.end()) return nullptr;
    FontFile file = matchFont(it->second);
    if (file.path.empty()) return nullptr;
    auto data = std::make_unique<FontData>();
    data->file = file;
    data->bytes = readBytes(file.path);
    spdlog::debug("kiosk: font {} = {} ({})", role, file.path, file.family);
    return data;
}

ImFont* addFont(ImFontAtlas& atlas, FontData& base, FontData* cjk, float size,
                const Ranges& ranges) {
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;
    cfg.FontNo = base.file.index;
    cfg.OversampleH = 1;  // FreeType rasterises at the exact size; no oversampling needed
    ImFont* font = atlas.AddFontFromMemoryTTF(
        base.bytes.data(), static_cast<int>(base.bytes.size()), size, &cfg, ranges.latin.Data);
    if (cjk && ranges.cjk.Size > 1) {
        ImFontConfig merge;
        merge.FontDataOwnedByAtlas = false;
        merge.MergeMode = true;
        merge.FontNo = cjk->file.index;
        atlas.AddFontFromMemoryTTF(cjk->bytes.data(), static_cast<int>(cjk->bytes.size()), size,
                                   &merge, ranges.cjk.Data);
    }
    return font;
}

}  // namespace

std::map<std::string, std::string> readFontRoles(const std::filesystem::path& fontsTxt) {
    std::map<std::string, std::string> roles{
        {"regular", "Noto Sans"}, {"bold", "Noto Sans:bold"}, {"cjk", "Noto Sans CJK JP"}};
    std::ifstream in(fontsTxt);
    std::string line;
    while (std::getline(in, line)) {
        line = oh::trim(line);
        if (line.empty() || line[0] == '#') continue;
        auto eq = line.find('=');
        if (eq == std::string::npos) continue;
        roles[oh::trim(line.substr(0, eq))] = oh::trim(line.substr(eq + 1));
    }
    return roles;
}

FontFile matchFont(const std::string& pattern) {
    FontFile out;
    FcPattern* pat = FcNameParse(reinterpret_cast<const FcChar8*>(pattern.c_str()));
    if (!pat) return out;
    FcConfigSubstitute(nullptr, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult result = FcResultNoMatch;
    FcPattern* match = FcFontMatch(nullptr, pat, &result);
    FcPatternDestroy(pat);
    if (!match) return out;
    FcChar8* file = nullptr;
    FcChar8* family = nullptr;
    if (FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch) {
        out.path = reinterpret_cast<const char*>(file);
    }
    if (FcPatternGetString(match, FC_FAMILY, 0, &family) == FcResultMatch) {
        out.family = reinterpret_cast<const char*>(family);
    }
    FcPatternGetInteger(match, FC_INDEX, 0, &out.index);
    FcPatternDestroy(match);
    // fontconfig always answers; warn when it had to substitute another family.
    std::string wanted = pattern.substr(0, pattern.find(':'));
    if (!out.family.empty() && out.family != wanted) {
        spdlog::warn("kiosk: font '{}' not installed, using '{}' ({})", wanted, out.family,
                     out.path);
    }
    return out;
}

Fonts buildFonts(ImFontAtlas& atlas, const std::map<std::string, std::string>& roles,
                 const std::string& text, float scale, const FontSizes& sizes) {
    Ranges ranges = glyphRanges(text);
    auto regular = loadRole(roles, "regular");
    if (!regular) throw std::runtime_error("no UI font found (fontconfig: Noto Sans)");
    auto bold = loadRole(roles, "bold");
    if (!bold) bold = loadRole(roles, "regular");
    // The 19 MB CJK collection is only read when a string actually needs it.
    std::unique_ptr<FontData> cjk = ranges.cjk.Size > 1 ? loadRole(roles, "cjk") : nullptr;

    atlas.Clear();
    atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    atlas.FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
    atlas.Flags |= ImFontAtlasFlags_NoMouseCursors;

    Fonts fonts;
    fonts.body = addFont(atlas, *regular, cjk.get(), sizes.body * scale, ranges);  // default
    fonts.small = addFont(atlas, *regular, cjk.get(), sizes.small * scale, ranges);
    fonts.bodyBold = addFont(atlas, *bold, cjk.get(), sizes.body * scale, ranges);
    fonts.button = addFont(atlas, *bold, cjk.get(), sizes.button * scale, ranges);
    fonts.heading = addFont(atlas, *bold, cjk.get(), sizes.heading * scale, ranges);
    fonts.title = addFont(atlas, *bold, cjk.get(), sizes.title * scale, ranges);
    if (!atlas.Build()) throw std::runtime_error("building the font atlas failed");
    // Drop the TTF copies: the atlas keeps only the rasterised glyphs.
    atlas.ClearInputData();
    return fonts;
}

}  // namespace oh::kiosk
