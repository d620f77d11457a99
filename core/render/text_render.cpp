#include "core/render/text_render.hpp"

#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>

#include "core/render/pango_util.hpp"

namespace oh {
namespace {

using pango::CairoPtr;
using pango::ContextPtr;
using pango::LayoutPtr;
using pango::SurfacePtr;

// PangoFontMap is not safe to share between threads (fontconfig caches are),
// so each thread that renders gets its own, created on first use.
PangoFontMap* threadFontMap() {
    thread_local std::unique_ptr<PangoFontMap, pango::GObjectDeleter> map(
        pango_cairo_font_map_new());
    return map.get();
}

// Pango flips Left/Right for right-to-left paragraphs (auto direction), where
// the kiosk means the screen's left and right: flip back for RTL text.
PangoAlignment alignmentFor(TextStyle::Align align, PangoLayout* layout) {
    PangoLayoutLine* first = pango_layout_get_line_readonly(layout, 0);
    const bool rtl = first && first->resolved_dir == PANGO_DIRECTION_RTL;
    switch (align) {
        case TextStyle::Align::Left:
            return rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
        case TextStyle::Align::Right:
            return rtl ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT;
        case TextStyle::Align::Center:
            break;
    }
    return PANGO_ALIGN_CENTER;
}

}  // namespace

RenderedText renderText(std::string_view utf8, const TextStyle& style) {
    RenderedText result;
    if (utf8.empty() || !(style.sizePx > 0)) return result;

    ContextPtr context(pango_font_map_create_context(threadFontMap()));
    pango::setUnhinted(context.get());
    LayoutPtr layout(pango_layout_new(context.get()));
    auto font = pango::notoFont(style.sizePx, style.bold);
    pango_layout_set_font_description(layout.get(), font.get());
    if (style.maxWidthPx > 0) {
        pango_layout_set_width(layout.get(), style.maxWidthPx * PANGO_SCALE);
        pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    }
    pango::setTextAndLanguage(layout.get(), utf8, style.language);
    pango_layout_set_alignment(layout.get(), alignmentFor(style.align, layout.get()));
    result.unknownGlyphs = pango_layout_get_unknown_glyphs_count(layout.get());

    // The image covers the layout box and any ink outside it (Devanagari marks
    // above, Arabic descenders below): nothing is clipped.
    PangoRectangle ink{};
    PangoRectangle logical{};
    pango_layout_get_pixel_extents(layout.get(), &ink, &logical);
    const int boxWidth = style.maxWidthPx > 0 ? style.maxWidthPx : logical.x + logical.width;
    const int left = std::min({0, logical.x, ink.x});
    const int top = std::min({0, logical.y, ink.y});
    const int right = std::max({boxWidth, logical.x + logical.width, ink.x + ink.width});
    const int bottom = std::max(logical.y + logical.height, ink.y + ink.height);
    const int width = right - left;
    const int height = bottom - top;
    if (width <= 0 || height <= 0 || width > kMaxImageSide || height > kMaxImageSide) return result;

    SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height));
    CairoPtr cr(cairo_create(surface.get()));
    const auto channel = [&](int shift) { return ((style.rgba >> shift) & 0xFF) / 255.0; };
    cairo_set_source_rgba(cr.get(), channel(24), channel(16), channel(8), channel(0));
    cairo_move_to(cr.get(), -left, -top);
    pango_cairo_show_layout(cr.get(), layout.get());
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) return result;

    result.image = pango::toRgbaImage(surface.get());
    result.baseline = pango_layout_get_baseline(layout.get()) / PANGO_SCALE - top;
    return result;
}

}  // namespace oh
