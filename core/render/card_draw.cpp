#include "core/render/card_draw.hpp"

#include <cairo-pdf.h>

#include <algorithm>
#include <cmath>

#include "core/files/private_file.hpp"
#include "core/render/image.hpp"

namespace oh::pango {

LayoutPtr Drawer::layout(std::string_view text, double size, bool bold,
                         const std::string& language) {
    LayoutPtr l(pango_cairo_create_layout(cr));
    setUnhinted(pango_layout_get_context(l.get()));
    pango_layout_context_changed(l.get());
    auto font = notoFont(size, bold);
    pango_layout_set_font_description(l.get(), font.get());
    setTextAndLanguage(l.get(), text, language);
    return l;
}

LayoutPtr Drawer::line(std::string_view text, double size, bool bold, double width,
                       PangoAlignment align, const std::string& language) {
    auto l = layout(text, size, bold, language);
    pango_layout_set_width(l.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_ellipsize(l.get(), PANGO_ELLIPSIZE_END);
    pango_layout_set_alignment(l.get(), align);
    return l;
}

LayoutPtr Drawer::paragraph(std::string_view text, double size, bool bold, double width,
                            int maxLines, PangoAlignment align, const std::string& language) {
    auto l = layout(text, size, bold, language);
    pango_layout_set_width(l.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_height(l.get(), -maxLines);
    pango_layout_set_ellipsize(l.get(), PANGO_ELLIPSIZE_END);
    pango_layout_set_alignment(l.get(), align);
    return l;
}

void Drawer::show(PangoLayout* l, double x, double baseline, double gray) {
    unknownGlyphs += pango_layout_get_unknown_glyphs_count(l);
    cairo_set_source_rgb(cr, gray, gray, gray);
    drawAtBaseline(cr, l, x, baseline);
}

double layoutWidth(PangoLayout* l) {
    PangoRectangle ink{}, logical{};
    pango_layout_get_extents(l, &ink, &logical);
    return static_cast<double>(std::max(logical.width, ink.x + ink.width)) / PANGO_SCALE;
}

double layoutHeight(PangoLayout* l) {
    int height = 0;
    pango_layout_get_size(l, nullptr, &height);
    return static_cast<double>(height) / PANGO_SCALE;
}

double fontSize(PangoLayout* l) {
    return static_cast<double>(
               pango_font_description_get_size(pango_layout_get_font_description(l))) /
           PANGO_SCALE;
}

double lastBaselineOffset(PangoLayout* l) {
    PangoLayoutIter* iter = pango_layout_get_iter(l);
    const int first = pango_layout_iter_get_baseline(iter);
    int last = first;
    while (pango_layout_iter_next_line(iter)) last = pango_layout_iter_get_baseline(iter);
    pango_layout_iter_free(iter);
    return static_cast<double>(last - first) / PANGO_SCALE;
}

double firstBaseline(PangoLayout* l) {
    return static_cast<double>(pango_layout_get_baseline(l)) / PANGO_SCALE;
}

LayoutPtr fitName(Drawer& d, std::string_view name, const std::string& language, double width,
                  double height, double maxSize, double minSize, PangoAlignment align) {
    auto fits = [&](PangoLayout* l, int maxLines) {
        return pango_layout_get_line_count(l) <= maxLines && layoutWidth(l) <= width + 0.01 &&
               layoutHeight(l) <= height + 0.01;
    };
    auto make = [&](double size, bool wrap) {
        auto l = d.layout(name, size, true, language);
        pango_layout_set_alignment(l.get(), align);
        pango_layout_set_width(l.get(), static_cast<int>(width * PANGO_SCALE));
        if (wrap) {
            pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD);
            pango_layout_set_spacing(l.get(), static_cast<int>(-0.12 * size * PANGO_SCALE));
        } else {
            pango_layout_set_ellipsize(l.get(), PANGO_ELLIPSIZE_END);
        }
        return l;
    };
    // One line is preferred while it costs at most 40 % of the size.
    for (double size = maxSize; size >= maxSize * 0.6; size *= 0.92) {
        auto l = make(size, false);
        if (!pango_layout_is_ellipsized(l.get()) && fits(l.get(), 1)) return l;
    }
    for (double size = maxSize; size >= minSize; size *= 0.92) {
        auto one = make(size, false);
        if (!pango_layout_is_ellipsized(one.get()) && fits(one.get(), 1)) return one;
        auto two = make(size, true);
        if (fits(two.get(), 2)) return two;
    }
    auto last = d.layout(name, minSize, true, language);
    pango_layout_set_alignment(last.get(), align);
    pango_layout_set_width(last.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(last.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_height(last.get(), -2);  // at most two lines, then "..."
    pango_layout_set_ellipsize(last.get(), PANGO_ELLIPSIZE_END);
    return last;
}

void drawQr(Drawer& d, const QrCode& code, double x, double y, double side) {
    if (d.pixelsPerPoint > 0) {
        // Whole pixels per module: a resampled QR blurs on screen and scans worse.
        const double modulePixels = std::floor(side * d.pixelsPerPoint / code.size);
        if (modulePixels >= 1) {
            const double snapped = modulePixels * code.size / d.pixelsPerPoint;
            x = std::round((x + (side - snapped) / 2) * d.pixelsPerPoint) / d.pixelsPerPoint;
            y = std::round((y + (side - snapped) / 2) * d.pixelsPerPoint) / d.pixelsPerPoint;
            side = snapped;
        }
    }
    cairo_set_source_rgb(d.cr, 1, 1, 1);  // the quiet zone must be light whatever is behind
    cairo_rectangle(d.cr, x, y, side, side);
    cairo_fill(d.cr);
    cairo_set_source_rgb(d.cr, 0, 0, 0);
    fillQr(d.cr, code, x, y, side);
}

bool writePdfFile(const std::string& path, double width, double height, const char* title,
                  const char* what, const std::function<void(cairo_t*)>& draw, std::string* error) {
    return writePrivateFileAtomically(
        path,
        [&](std::FILE* file, std::string* fillError) {
            SurfacePtr surface(
                cairo_pdf_surface_create_for_stream(writeToFile, file, width, height));
            cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title);
            cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Openhouse");
            CairoPtr cr(cairo_create(surface.get()));
            draw(cr.get());
            const cairo_status_t drawStatus = cairo_status(cr.get());
            cairo_surface_finish(surface.get());  // writes the trailer through writeToFile
            const cairo_status_t status = drawStatus != CAIRO_STATUS_SUCCESS
                                              ? drawStatus
                                              : cairo_surface_status(surface.get());
            if (status == CAIRO_STATUS_SUCCESS) return true;
            if (fillError)
                *fillError =
                    std::string(what) + " rendering failed: " + cairo_status_to_string(status);
            return false;
        },
        error);
}

bool writePngFile(const std::string& path, double width, double height, double pixelsPerPoint,
                  const char* what, const std::function<void(cairo_t*)>& draw, std::string* error) {
    const int w = static_cast<int>(std::lround(width * pixelsPerPoint));
    const int h = static_cast<int>(std::lround(height * pixelsPerPoint));
    SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h));
    CairoPtr cr(cairo_create(surface.get()));
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    cairo_scale(cr.get(), pixelsPerPoint, pixelsPerPoint);
    draw(cr.get());
    const cairo_status_t status = cairo_status(cr.get());
    if (status != CAIRO_STATUS_SUCCESS) {
        if (error)
            *error = std::string(what) + " rendering failed: " + cairo_status_to_string(status);
        return false;
    }
    return writePng(path, toRgbaImage(surface.get()), error);
}

}  // namespace oh::pango
