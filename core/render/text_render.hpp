// Pango text to pixels for the kiosk: ImGui cannot shape Arabic or Devanagari
// (no bidi, no conjuncts), so names and welcome lines are rendered here into
// an RGBA image that the kiosk uploads as a texture.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/render/image.hpp"

namespace oh {

struct TextStyle {
    double sizePx = 32;
    bool bold = false;
    std::uint32_t rgba = 0xFFFFFFFF;  // 0xRRGGBBAA
    int maxWidthPx = 0;               // 0 = no wrap: one line per paragraph
    enum class Align { Left, Center, Right } align = Align::Center;
    std::string language;  // BCP-47, e.g. "zh", "ja", "ko", "ar"; empty = auto
};

struct RenderedText {
    RgbaImage image;        // straight (non-premultiplied) RGBA, transparent background
    int baseline = 0;       // first line's baseline, pixels from the top of image
    int unknownGlyphs = 0;  // characters no installed font could draw
};

// Renders with the Noto family list (Latin, Arabic, Devanagari, CJK). With
// maxWidthPx > 0 the image is exactly maxWidthPx wide and lines wrap at words;
// otherwise it is as wide as the ink-free logical extent of the text. Empty
// text gives an empty image. Thread-safe: each call uses its own pango context
// on a per-thread font map.
RenderedText renderText(std::string_view utf8, const TextStyle& style);

}  // namespace oh
