// Shared cairo + pango plumbing for everything in core that draws text:
// invitation sheets, badges and kiosk text textures. Internal to core (the
// pango/cairo headers are private dependencies of openhouse_core).
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <cstdio>
#include <memory>
#include <string_view>

#include "core/render/image.hpp"
#include "core/render/qr.hpp"

namespace oh::pango {

// One family list so every script finds a Noto face; with "Noto Sans" alone,
// fontconfig falls back to DejaVu for Arabic (see PLATFORM-NOTES).
inline constexpr const char* kFontFamilies =
    "Noto Sans, Noto Sans Arabic, Noto Sans Devanagari, Noto Sans CJK JP";

struct CairoSurfaceDeleter {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoDeleter {
    void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
struct GObjectDeleter {
    void operator()(void* object) const { g_object_unref(object); }
};
struct FontDescriptionDeleter {
    void operator()(PangoFontDescription* d) const { pango_font_description_free(d); }
};
struct AttrListDeleter {
    void operator()(PangoAttrList* list) const { pango_attr_list_unref(list); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, CairoSurfaceDeleter>;
using CairoPtr = std::unique_ptr<cairo_t, CairoDeleter>;
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectDeleter>;
using ContextPtr = std::unique_ptr<PangoContext, GObjectDeleter>;
using FontPtr = std::unique_ptr<PangoFontDescription, FontDescriptionDeleter>;
using AttrListPtr = std::unique_ptr<PangoAttrList, AttrListDeleter>;

// Unhinted metrics: the same layout whatever the output resolution (a PNG
// preview matches the printed PDF).
void setUnhinted(PangoContext* context);

// The Noto family list at an absolute size in device units (points on a PDF
// surface, pixels on an image surface: no 96-dpi scaling).
FontPtr notoFont(double size, bool bold);

// Sets the text and, for a non-empty BCP-47 language, the language attribute
// over all of it: Han code points default to Japanese shapes, "zh"/"ko"
// select the right ones, and "ar" etc. help pango pick fonts.
void setTextAndLanguage(PangoLayout* layout, std::string_view text, std::string_view language);

// Draws the layout with its first baseline at baselineY (x = left edge of the
// layout box): Arabic and Devanagari have taller ascents than Latin, so
// top-aligned lines would not line up.
void drawAtBaseline(cairo_t* cr, PangoLayout* layout, double x, double baselineY);

// The QR (quiet zone included) as filled rectangles, one per horizontal run of
// dark modules, in a single path: fewer PDF operators and no hairline seams
// between modules. Fills with the current source colour.
void fillQr(cairo_t* cr, const QrCode& code, double x, double y, double side);

// An ARGB32 image surface (premultiplied, native-endian) as straight RGBA bytes.
RgbaImage toRgbaImage(cairo_surface_t* surface);

// cairo write callback for a stdio stream (closure = FILE*).
cairo_status_t writeToFile(void* closure, const unsigned char* data, unsigned int length);

}  // namespace oh::pango
