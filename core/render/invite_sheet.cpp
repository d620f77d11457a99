#include "core/render/invite_sheet.hpp"

#include <cairo-pdf.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>

#include "core/render/image.hpp"
#include "core/render/pango_util.hpp"
#include "core/render/qr.hpp"

namespace oh {
namespace {

// Geometry in PDF points (1/72 inch). A4 = 210 x 297 mm.
constexpr double kPageWidth = 595.276;
constexpr double kPageHeight = 841.890;
constexpr double kMarginX = 28.0;    // ~10 mm: inside every printer's unprintable edge
constexpr double kMarginTop = 44.0;  // room for the page header
constexpr double kMarginBottom = 28.0;
constexpr double kCellPadding = 12.0;
constexpr double kCellWidth = (kPageWidth - 2 * kMarginX) / kInviteColumns;
constexpr double kCellHeight = (kPageHeight - kMarginTop - kMarginBottom) / kInviteRows;

using pango::CairoPtr;
using pango::LayoutPtr;
using pango::SurfacePtr;

struct SheetTextStyle {
    double size = 10.0;  // points
    bool bold = false;
    double gray = 0.0;  // 0 = black
    bool wrap = false;  // wrap onto several lines instead of ellipsizing
};

LayoutPtr makeLayout(cairo_t* cr, const std::string& text, const SheetTextStyle& style,
                     double width) {
    LayoutPtr layout(pango_cairo_create_layout(cr));
    pango::setUnhinted(pango_layout_get_context(layout.get()));
    pango_layout_context_changed(layout.get());
    auto font = pango::notoFont(style.size, style.bold);
    pango_layout_set_font_description(layout.get(), font.get());
    pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
    if (style.wrap) {
        pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    } else {
        pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
    }
    pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
    return layout;
}

void drawAtBaseline(cairo_t* cr, PangoLayout* layout, double x, double baselineY, double gray) {
    cairo_set_source_rgb(cr, gray, gray, gray);
    pango::drawAtBaseline(cr, layout, x, baselineY);
}

// Long names shrink before they are cut: a name is the one thing people check.
LayoutPtr nameLayout(cairo_t* cr, const std::string& name, double width) {
    for (const double size : {18.0, 16.0, 14.0, 12.0}) {
        auto layout = makeLayout(cr, name, {size, true, 0.0, false}, width);
        if (!pango_layout_is_ellipsized(layout.get()) || size == 12.0) return layout;
    }
    return nullptr;  // unreachable
}

void drawQr(cairo_t* cr, const QrCode& code, double x, double y, double side) {
    cairo_set_source_rgb(cr, 0, 0, 0);
    pango::fillQr(cr, code, x, y, side);
}

void drawCutLines(cairo_t* cr, double x, double y) {
    const double dashes[] = {3.0, 3.0};
    cairo_save(cr);
    cairo_set_dash(cr, dashes, 2, 0);
    cairo_set_line_width(cr, 0.5);
    cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
    cairo_rectangle(cr, x, y, kCellWidth, kCellHeight);
    cairo_stroke(cr);
    cairo_restore(cr);
}

// The event's name (bold), then its date and venue, wrapped in `width` from `top`; returns
// the y under the last line.
double drawEventLines(cairo_t* cr, const InviteEvent& event, double left, double top, double width,
                      double size) {
    double y = top;
    // Each part wraps onto at most `lines` lines and is cut with an ellipsis after them, so
    // a long venue cannot run into the next cell.
    auto line = [&](const std::string& text, bool bold, double gray, double gap, int lines) {
        if (text.empty()) return;
        auto layout = makeLayout(cr, text, {size, bold, gray, true}, width);
        pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
        pango_layout_set_height(layout.get(), -lines);
        const int ascent = pango_layout_get_baseline(layout.get());
        drawAtBaseline(cr, layout.get(), left, y + static_cast<double>(ascent) / PANGO_SCALE, gray);
        int height = 0;
        pango_layout_get_size(layout.get(), nullptr, &height);
        y += static_cast<double>(height) / PANGO_SCALE + gap;
    };
    line(event.name, true, 0.0, size * 0.3, 2);
    line(event.when, false, 0.0, size * 0.15, 2);
    line(event.venue, false, 0.0, size * 0.15, 2);
    return y;
}

void drawCell(cairo_t* cr, const InviteEntry& entry, const QrCode& code, const InviteEvent& event,
              double x, double y) {
    drawCutLines(cr, x, y);
    const double left = x + kCellPadding;
    const double width = kCellWidth - 2 * kCellPadding;

    auto name = nameLayout(cr, entry.name, width);
    drawAtBaseline(cr, name.get(), left, y + kCellPadding + 16.0, 0.0);

    std::string roleTeam = entry.role;
    if (!entry.role.empty() && !entry.team.empty()) roleTeam += " \u00b7 ";
    roleTeam += entry.team;
    auto sub = makeLayout(cr, roleTeam, {10.0, false, 0.3, false}, width);
    drawAtBaseline(cr, sub.get(), left, y + kCellPadding + 32.0, 0.3);

    const double qrTop = y + kCellPadding + 40.0;
    const double qrSide = y + kCellHeight - kCellPadding - qrTop;
    drawQr(cr, code, left, qrTop, qrSide);

    const double textLeft = left + qrSide + 8.0;
    const double textWidth = x + kCellWidth - kCellPadding - textLeft;
    const double below = drawEventLines(cr, event, textLeft, qrTop + 6.0, textWidth, 9.0);
    auto hint = makeLayout(cr,
                           "Show this code at the check-in kiosk. It is personal: "
                           "please do not share it.",
                           {8.0, false, 0.35, true}, textWidth);
    const int ascent = pango_layout_get_baseline(hint.get());
    drawAtBaseline(cr, hint.get(), textLeft,
                   below + 4.0 + static_cast<double>(ascent) / PANGO_SCALE, 0.35);
}

void drawPageHeader(cairo_t* cr, const std::string& eventName, int page, int pages) {
    const std::string text = eventName + " \u2014 invitations \u2014 page " + std::to_string(page) +
                             " of " + std::to_string(pages);
    auto layout = makeLayout(cr, text, {9.0, false, 0.4, false}, kPageWidth - 2 * kMarginX);
    drawAtBaseline(cr, layout.get(), kMarginX, kMarginTop - 14.0, 0.4);
}

bool renderPdf(std::FILE* file, const std::vector<InviteEntry>& entries,
               const std::vector<QrCode>& codes, const InviteEvent& event, std::string* error) {
    const std::string& eventName = event.name;
    SurfacePtr surface(
        cairo_pdf_surface_create_for_stream(pango::writeToFile, file, kPageWidth, kPageHeight));
    const std::string title = eventName + " \u2014 invitations";
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Openhouse");
    CairoPtr cr(cairo_create(surface.get()));

    const int pages = static_cast<int>((entries.size() + kInvitesPerPage - 1) / kInvitesPerPage);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const int slot = static_cast<int>(i % kInvitesPerPage);
        if (slot == 0)
            drawPageHeader(cr.get(), eventName, static_cast<int>(i / kInvitesPerPage) + 1, pages);
        const double x = kMarginX + (slot % kInviteColumns) * kCellWidth;
        const double y = kMarginTop + (slot / kInviteColumns) * kCellHeight;
        drawCell(cr.get(), entries[i], codes[i], event, x, y);
        if (slot == kInvitesPerPage - 1 || i + 1 == entries.size()) cairo_show_page(cr.get());
    }
    const cairo_status_t drawStatus = cairo_status(cr.get());
    cr.reset();
    cairo_surface_finish(surface.get());  // writes the trailer through writeToFile
    const cairo_status_t status =
        drawStatus != CAIRO_STATUS_SUCCESS ? drawStatus : cairo_surface_status(surface.get());
    if (status != CAIRO_STATUS_SUCCESS) {
        if (error) *error = std::string("PDF rendering failed: ") + cairo_status_to_string(status);
        return false;
    }
    return true;
}

// The card: white, the code (with its quiet zone) on top, the event's lines centred under it.
bool renderCardPng(std::FILE* file, const QrCode& code, const InviteEvent& event, int module,
                   std::string* error) {
    const int side = code.size * module;  // the code's size includes its quiet zone
    const int width = std::max(side, 480);
    const double textSize = std::max(14.0, module * 2.0);
    const int height = side + static_cast<int>(textSize * 9.0);  // name, date, venue: 2 lines each
    SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height));
    CairoPtr cr(cairo_create(surface.get()));
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    cairo_set_source_rgb(cr.get(), 0, 0, 0);
    pango::fillQr(cr.get(), code, (width - side) / 2.0, 0, side);
    const double margin = textSize;
    drawEventLines(cr.get(), event, margin, side, width - 2 * margin, textSize);
    cr.reset();
    cairo_status_t status =
        cairo_surface_write_to_png_stream(surface.get(), pango::writeToFile, file);
    if (status != CAIRO_STATUS_SUCCESS) {
        if (error) *error = std::string("PNG rendering failed: ") + cairo_status_to_string(status);
        return false;
    }
    return true;
}

}  // namespace

bool writeInviteCardPng(const std::string& path, const std::string& token, const InviteEvent& event,
                        int pixelsPerModule, std::string* error) {
    auto code = encodeQr(token, 'M');
    if (!code) {
        if (error) *error = "cannot encode the invitation code";
        return false;
    }
    const int module = std::clamp(pixelsPerModule, 2, 32);
    return writePrivateFileAtomically(
        path,
        [&](std::FILE* file, std::string* fillError) {
            return renderCardPng(file, *code, event, module, fillError);
        },
        error);
}

bool writeInviteSheetPdf(const std::string& path, const std::vector<InviteEntry>& entries,
                         const std::string& eventName, std::string* error) {
    return writeInviteSheetPdf(path, entries, InviteEvent{eventName, "", ""}, error);
}

bool writeInviteSheetPdf(const std::string& path, const std::vector<InviteEntry>& entries,
                         const InviteEvent& event, std::string* error) {
    if (entries.empty()) {
        if (error) *error = "no invitations to print";
        return false;
    }
    // Encode every code before creating the file, so a bad entry leaves nothing behind.
    std::vector<QrCode> codes;
    codes.reserve(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        auto code = encodeQr(entries[i].token, 'M');
        if (!code) {
            // The token is a credential: name the entry, never print the token.
            if (error) {
                *error = "cannot encode the invitation code of entry " + std::to_string(i + 1) +
                         " ('" + entries[i].name + "')";
            }
            return false;
        }
        codes.push_back(std::move(*code));
    }
    return writePrivateFileAtomically(
        path,
        [&](std::FILE* file, std::string* fillError) {
            return renderPdf(file, entries, codes, event, fillError);
        },
        error);
}

}  // namespace oh
