#include "core/invite_sheet.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>

#include "core/image.hpp"
#include "core/qr.hpp"

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

// One family list so every script finds a Noto face; with "Noto Sans" alone,
// fontconfig falls back to DejaVu for Arabic (see PLATFORM-NOTES).
constexpr const char* kFontFamilies =
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
using SurfacePtr = std::unique_ptr<cairo_surface_t, CairoSurfaceDeleter>;
using CairoPtr = std::unique_ptr<cairo_t, CairoDeleter>;
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectDeleter>;
using FontPtr = std::unique_ptr<PangoFontDescription, FontDescriptionDeleter>;

struct TextStyle {
    double size = 10.0;  // points
    bool bold = false;
    double gray = 0.0;  // 0 = black
    bool wrap = false;  // wrap onto several lines instead of ellipsizing
};

LayoutPtr makeLayout(cairo_t* cr, const std::string& text, const TextStyle& style, double width) {
    LayoutPtr layout(pango_cairo_create_layout(cr));
    // Unhinted metrics: the same layout whatever the output resolution.
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pango_layout_get_context(layout.get()), options);
    cairo_font_options_destroy(options);
    pango_layout_context_changed(layout.get());

    FontPtr font(pango_font_description_new());
    pango_font_description_set_family(font.get(), kFontFamilies);
    pango_font_description_set_weight(font.get(),
                                      style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    // Absolute size = device units = points on a PDF surface (no 96-dpi scaling).
    pango_font_description_set_absolute_size(font.get(), style.size * PANGO_SCALE);
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

// Draws the layout with its first baseline at baselineY: Arabic and Devanagari
// have taller ascents than Latin, so top-aligned lines would not line up.
void drawAtBaseline(cairo_t* cr, PangoLayout* layout, double x, double baselineY, double gray) {
    const double baseline = static_cast<double>(pango_layout_get_baseline(layout)) / PANGO_SCALE;
    cairo_set_source_rgb(cr, gray, gray, gray);
    cairo_move_to(cr, x, baselineY - baseline);
    pango_cairo_show_layout(cr, layout);
}

// Long names shrink before they are cut: a name is the one thing people check.
LayoutPtr nameLayout(cairo_t* cr, const std::string& name, double width) {
    for (const double size : {18.0, 16.0, 14.0, 12.0}) {
        auto layout = makeLayout(cr, name, {size, true, 0.0, false}, width);
        if (!pango_layout_is_ellipsized(layout.get()) || size == 12.0) return layout;
    }
    return nullptr;  // unreachable
}

// The QR as filled rectangles, one per horizontal run of dark modules, in a
// single path: fewer PDF operators and no hairline seams between modules.
void drawQr(cairo_t* cr, const QrCode& code, double x, double y, double side) {
    const double module = side / code.size;
    for (int row = 0; row < code.size; ++row) {
        int col = 0;
        while (col < code.size) {
            if (!code.isDark(col, row)) {
                ++col;
                continue;
            }
            const int start = col;
            while (col < code.size && code.isDark(col, row)) ++col;
            cairo_rectangle(cr, x + start * module, y + row * module, (col - start) * module,
                            module);
        }
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_fill(cr);
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

void drawCell(cairo_t* cr, const InviteEntry& entry, const QrCode& code,
              const std::string& eventName, double x, double y) {
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
    auto event = makeLayout(cr, eventName, {10.0, true, 0.0, true}, textWidth);
    drawAtBaseline(cr, event.get(), textLeft, qrTop + 18.0, 0.0);
    int eventHeight = 0;
    pango_layout_get_size(event.get(), nullptr, &eventHeight);
    auto hint = makeLayout(cr,
                           "Show this code at the check-in kiosk. It is personal: "
                           "please do not share it.",
                           {8.0, false, 0.35, true}, textWidth);
    drawAtBaseline(cr, hint.get(), textLeft,
                   qrTop + 18.0 + static_cast<double>(eventHeight) / PANGO_SCALE + 6.0, 0.35);
}

void drawPageHeader(cairo_t* cr, const std::string& eventName, int page, int pages) {
    const std::string text = eventName + " \u2014 invitations \u2014 page " + std::to_string(page) +
                             " of " + std::to_string(pages);
    auto layout = makeLayout(cr, text, {9.0, false, 0.4, false}, kPageWidth - 2 * kMarginX);
    drawAtBaseline(cr, layout.get(), kMarginX, kMarginTop - 14.0, 0.4);
}

cairo_status_t writeToFile(void* closure, const unsigned char* data, unsigned int length) {
    auto* file = static_cast<std::FILE*>(closure);
    return std::fwrite(data, 1, length, file) == length ? CAIRO_STATUS_SUCCESS
                                                        : CAIRO_STATUS_WRITE_ERROR;
}

bool renderPdf(std::FILE* file, const std::vector<InviteEntry>& entries,
               const std::vector<QrCode>& codes, const std::string& eventName, std::string* error) {
    SurfacePtr surface(
        cairo_pdf_surface_create_for_stream(writeToFile, file, kPageWidth, kPageHeight));
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
        drawCell(cr.get(), entries[i], codes[i], eventName, x, y);
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

}  // namespace

bool writeInviteSheetPdf(const std::string& path, const std::vector<InviteEntry>& entries,
                         const std::string& eventName, std::string* error) {
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
            return renderPdf(file, entries, codes, eventName, fillError);
        },
        error);
}

}  // namespace oh
