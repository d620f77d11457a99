#include "core/render/slot_card.hpp"

#include <algorithm>
#include <optional>
#include <vector>

#include "core/render/card_draw.hpp"
#include "core/render/qr.hpp"

namespace oh {
namespace {

using pango::Drawer;
using pango::LayoutPtr;

constexpr const char* kBandLabel = "RETURN-OFFER SLOT";
constexpr const char* kWhatItIs =
    "A return offer from the program's budget, decided by the program's rules at demo day.";
constexpr const char* kHowToRedeem =
    "To accept it, see the program lead: they check this code offline.";

// The card's size as a fraction of its width, so A6 and 4x6 read the same.
constexpr double kPad = 0.075;
constexpr double kBand = 0.10;
constexpr double kHeadline = 0.062;
constexpr double kBody = 0.038;
constexpr double kNameMax = 0.11, kNameMin = 0.05;
constexpr double kQrMin = 0.40, kQrMax = 0.50;

struct Block {
    LayoutPtr layout;
    double gray = 0;
    double gapAfter = 0;
    double indent = 0;  // what balancing took off each side
};

// Narrows a wrapped, centred layout to the least width that keeps its number of lines, so
// the lines come out even instead of a last word alone ("12%."); returns the indent that
// keeps it centred. A layout cut with an ellipsis is left as it is.
double balanceLines(PangoLayout* l) {
    const int lines = pango_layout_get_line_count(l);
    const int full = pango_layout_get_width(l);
    if (lines < 2 || pango_layout_is_ellipsized(l)) return 0;
    int fails = 0, keeps = full;  // line counts only grow as the width shrinks
    while (keeps - fails > PANGO_SCALE / 4) {
        const int mid = fails + (keeps - fails) / 2;
        pango_layout_set_width(l, mid);
        const bool same = pango_layout_get_line_count(l) == lines && !pango_layout_is_ellipsized(l);
        (same ? keeps : fails) = mid;
    }
    pango_layout_set_width(l, keeps);
    return static_cast<double>(full - keeps) / 2 / PANGO_SCALE;
}

Block balanced(LayoutPtr layout, double gray, double gapAfter) {
    const double indent = balanceLines(layout.get());
    return {std::move(layout), gray, gapAfter, indent};
}

// Top and bottom of what a layout draws, relative to its logical top: ink included, since
// Arabic and Devanagari marks reach beyond the line box.
struct Span {
    double top = 0, bottom = 0;
};
Span spanOf(PangoLayout* l) {
    PangoRectangle ink{}, logical{};
    pango_layout_get_extents(l, &ink, &logical);
    return {std::min(ink.y, logical.y) / double(PANGO_SCALE),
            std::max(ink.y + ink.height, logical.y + logical.height) / double(PANGO_SCALE)};
}

std::string demoSentence(const std::string& title, bool throughEncore) {
    // U+2011, a hyphen no line breaks at: "return-" and "offer" never part.
    const std::string what = throughEncore ? "Your encore on your demo" : "Your demo";
    if (title.empty()) return what + " earned a return\u2011offer slot.";
    const std::string on = throughEncore ? "Your encore on \u201c" : "Your demo \u201c";
    return on + title + "\u201d earned a return\u2011offer slot.";
}

// The compliment first; without one the demo's sentence is the headline.
std::vector<Block> textBlocks(Drawer& d, const SlotCardContent& c, double w, double scale) {
    const double width = w * (1 - 2 * kPad);
    const double big = w * kHeadline * scale, body = w * kBody * scale;
    const auto center = PANGO_ALIGN_CENTER;
    std::vector<Block> blocks;
    const std::string demo = demoSentence(c.demoTitle, c.throughEncore);
    if (!c.compliment.empty()) {
        blocks.push_back(
            balanced(d.paragraph(c.compliment, big, true, width, 3, center), 0.05, big * 0.3));
        blocks.push_back(
            balanced(d.paragraph(demo, body * 1.15, false, width, 3, center), 0.2, big * 0.7));
    } else {
        blocks.push_back(balanced(d.paragraph(demo, big, true, width, 3, center), 0.05, big * 0.7));
    }
    blocks.push_back({pango::fitName(d, c.fullName, c.language, width, w * 0.26 * scale,
                                     w * kNameMax * scale, w * kNameMin * scale, center),
                      0.0, big * 0.7});
    blocks.push_back(
        balanced(d.paragraph(kWhatItIs, body, false, width, 3, center), 0.3, body * 0.45));
    blocks.push_back(balanced(d.paragraph(kHowToRedeem, body, false, width, 3, center), 0.3, 0));
    return blocks;
}

double blocksHeight(const std::vector<Block>& blocks) {
    double h = 0;
    for (const auto& b : blocks) {
        const Span s = spanOf(b.layout.get());
        h += s.bottom - s.top + b.gapAfter;
    }
    return h;
}

// Draws the blocks from `top` down; returns the y under the last one.
double drawBlocks(Drawer& d, const std::vector<Block>& blocks, double x, double top) {
    double y = top;
    for (const auto& b : blocks) {
        const Span s = spanOf(b.layout.get());
        y -= s.top;  // ink above the line box (a mark over a capital) stays inside
        d.show(b.layout.get(), x + b.indent, y + pango::firstBaseline(b.layout.get()), b.gray);
        y += s.bottom + b.gapAfter;
    }
    return y;
}

void drawBand(Drawer& d, double w, double band) {
    cairo_set_source_rgb(d.cr, 0.05, 0.38, 0.36);  // deep teal, white label: contrast 7:1
    cairo_rectangle(d.cr, 0, 0, w, band);
    cairo_fill(d.cr);
    const double size = band * 0.38;
    auto label = d.line(kBandLabel, size, true, w, PANGO_ALIGN_CENTER);
    d.show(label.get(), 0, band * 0.5 + size * 0.36, 1.0);
}

// The event's name and the issue date, last line on `bottom`; returns the top of the first.
double drawFooter(Drawer& d, const SlotCardContent& c, double x, double width, double bottom,
                  double size) {
    double baseline = bottom;
    if (!c.issuedOn.empty()) {
        auto issued = d.line("Issued " + c.issuedOn, size, false, width, PANGO_ALIGN_CENTER);
        d.show(issued.get(), x, baseline, 0.35);
        baseline -= size * 1.35;
    }
    if (!c.eventName.empty()) {
        auto event = d.line(c.eventName, size * 1.1, true, width, PANGO_ALIGN_CENTER);
        d.show(event.get(), x, baseline, 0.2);
        baseline -= size * 1.1;
    }
    return baseline;
}

void drawCard(Drawer& d, const SlotCardContent& c, const QrCode& code, double w, double h) {
    const double pad = w * kPad, band = w * kBand, width = w - 2 * pad;
    drawBand(d, w, band);
    const double body = w * kBody;
    const double footerTop = drawFooter(d, c, pad, width, h - pad * 0.8, body * 0.95);
    const double shortSize = body * 0.9;
    const double below = shortSize * 1.8 + body * 0.6;  // the short form, and air over the footer
    // The text shrinks (at most to 60 %) until the QR fits at its smallest size under it.
    const double top = band + pad * 0.8;
    double scale = 1.0;
    auto blocks = textBlocks(d, c, w, scale);
    while (scale > 0.6 && top + blocksHeight(blocks) + body + w * kQrMin + below > footerTop) {
        scale *= 0.92;
        blocks = textBlocks(d, c, w, scale);
    }
    const double textBottom = drawBlocks(d, blocks, pad, top) + body * 0.6;
    const double side = std::clamp(footerTop - below - textBottom, w * kQrMin, w * kQrMax);
    const double qrTop = textBottom + std::max(0.0, (footerTop - below - textBottom - side) / 2);
    pango::drawQr(d, code, (w - side) / 2, qrTop, side);
    if (!c.shortCode.empty()) {
        auto shortForm = d.line(c.shortCode, shortSize, false, width, PANGO_ALIGN_CENTER);
        d.show(shortForm.get(), pad, qrTop + side + shortSize * 1.1, 0.3);
    }
}

// The size's page, the QR, or the sentence saying why there is none.
std::optional<QrCode> prepare(const SlotCardContent& card, BadgeSize size, SlotCardResult& r) {
    if (size != BadgeSize::A6 && size != BadgeSize::Badge4x6) {
        r.error = std::string("a slot card prints on a6 or 4x6, not ") + badgeSizeName(size);
        return std::nullopt;
    }
    if (card.code.empty()) {
        r.error = "the slot card has no code to print";
        return std::nullopt;
    }
    auto code = encodeQr(card.code, 'M');
    if (!code) {
        r.error = "cannot encode the slot card's code";  // never the code: a credential
        return std::nullopt;
    }
    r.qrVersion = code->version;
    return code;
}

}  // namespace

SlotCardResult renderSlotCardPdf(const std::string& path, const SlotCardContent& card,
                                 BadgeSize size) {
    SlotCardResult result;
    const auto code = prepare(card, size, result);
    if (!code) return result;
    const PagePoints page = badgePagePoints(size);
    auto draw = [&](cairo_t* cr) {
        Drawer d{cr};
        drawCard(d, card, *code, page.width, page.height);
        cairo_show_page(cr);
        result.unknownGlyphs = d.unknownGlyphs;
    };
    result.ok = pango::writePdfFile(path, page.width, page.height, "Return-offer slot", "slot card",
                                    draw, &result.error);
    return result;
}

SlotCardResult renderSlotCardPng(const std::string& path, const SlotCardContent& card,
                                 BadgeSize size, int dpi) {
    SlotCardResult result;
    if (dpi < 36 || dpi > 1200) {
        result.error = "dpi must be between 36 and 1200";
        return result;
    }
    const auto code = prepare(card, size, result);
    if (!code) return result;
    const PagePoints page = badgePagePoints(size);
    auto draw = [&](cairo_t* cr) {
        Drawer d{cr};
        d.pixelsPerPoint = dpi / 72.0;
        drawCard(d, card, *code, page.width, page.height);
        result.unknownGlyphs = d.unknownGlyphs;
    };
    result.ok = pango::writePngFile(path, page.width, page.height, dpi / 72.0, "slot card", draw,
                                    &result.error);
    return result;
}

}  // namespace oh
