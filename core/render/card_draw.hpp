// What badges and slot cards share when they draw a card: text placed by baseline with its
// missing glyphs counted, the name fitted to its box, the QR with its white quiet zone
// (snapped to whole pixels on raster output), and the card written as a PDF or a PNG
// (0600, atomic: cards carry credentials). Internal to core/render, like pango_util.hpp.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/render/pango_util.hpp"
#include "core/render/qr.hpp"

namespace oh::pango {

// Draws on one cairo context and counts the glyphs no font had (summed over every text).
struct Drawer {
    cairo_t* cr;
    int unknownGlyphs = 0;
    double pixelsPerPoint = 0;  // > 0 for raster output: snap the QR to whole pixels

    // Unhinted Noto text at `size` device units; `language` is BCP-47 and may be empty.
    LayoutPtr layout(std::string_view text, double size, bool bold, const std::string& language);
    // One line, ellipsized to width, aligned in [x, x + width].
    LayoutPtr line(std::string_view text, double size, bool bold, double width,
                   PangoAlignment align, const std::string& language = {});
    // Word-wrapped in `width`, at most `maxLines` lines, then ellipsized.
    LayoutPtr paragraph(std::string_view text, double size, bool bold, double width, int maxLines,
                        PangoAlignment align, const std::string& language = {});
    void show(PangoLayout* l, double x, double baseline, double gray);
};

double layoutWidth(PangoLayout* l);   // ink or logical, whichever reaches further
double layoutHeight(PangoLayout* l);  // logical
double fontSize(PangoLayout* l);
// Baseline of the last line, relative to the first line's baseline.
double lastBaselineOffset(PangoLayout* l);
// The first line's baseline below the layout's top.
double firstBaseline(PangoLayout* l);

// A name is the one thing people read from across a room: the largest size at which it fits
// on one line in width x height, else two lines broken at words, shrinking down to minSize;
// below that it is ellipsized (never clipped or overflowing).
LayoutPtr fitName(Drawer& d, std::string_view name, const std::string& language, double width,
                  double height, double maxSize, double minSize, PangoAlignment align);

// The QR (quiet zone included) in the square at (x, y), on white whatever is behind it.
void drawQr(Drawer& d, const QrCode& code, double x, double y, double side);

// Writes pages of width x height points as a PDF (title in its metadata): `draw` draws them,
// calling cairo_show_page after each. False with *error ("<what> rendering failed: ...").
bool writePdfFile(const std::string& path, double width, double height, const char* title,
                  const char* what, const std::function<void(cairo_t*)>& draw, std::string* error);

// One page of width x height points drawn on white at pixelsPerPoint, as a PNG.
bool writePngFile(const std::string& path, double width, double height, double pixelsPerPoint,
                  const char* what, const std::function<void(cairo_t*)>& draw, std::string* error);

}  // namespace oh::pango
