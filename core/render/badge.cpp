#include "core/render/badge.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

#include "core/render/card_draw.hpp"
#include "core/render/qr.hpp"

namespace oh {
namespace {

using pango::Drawer;
using pango::drawQr;
using pango::fontSize;
using pango::lastBaselineOffset;
using pango::layoutHeight;
using pango::LayoutPtr;
using pango::layoutWidth;

constexpr double kPointsPerMm = 72.0 / 25.4;

// ---- geometry (PDF points) -------------------------------------------------------

struct Box {
    double x = 0, y = 0, w = 0, h = 0;
};

struct Page {
    double width = 0, height = 0;
    int columns = 1, rows = 1;
    double margin = 0;  // sheet margin (8-up only)
};

Page pageFor(BadgeSize size) {
    switch (size) {
        case BadgeSize::Badge4x3:
            return {4 * 72.0, 3 * 72.0};
        case BadgeSize::Badge4x6:
            return {4 * 72.0, 6 * 72.0};
        case BadgeSize::A6:
            return {105 * kPointsPerMm, 148 * kPointsPerMm};
        case BadgeSize::CR80:
            return {85.6 * kPointsPerMm, 53.98 * kPointsPerMm};
        case BadgeSize::A4Sheet8Up:
            return {210 * kPointsPerMm, 297 * kPointsPerMm, 2, 4, 28.0};
    }
    return {};
}

int perPage(const Page& page) {
    return page.columns * page.rows;
}

// The badge area of slot `slot` on a page.
Box cellBox(const Page& page, int slot) {
    if (perPage(page) == 1) return {0, 0, page.width, page.height};
    const double w = (page.width - 2 * page.margin) / page.columns;
    const double h = (page.height - 2 * page.margin) / page.rows;
    return {page.margin + (slot % page.columns) * w, page.margin + (slot / page.columns) * h, w, h};
}

// ---- role band -------------------------------------------------------------------

struct RoleStyle {
    double r, g, b;  // band colour
    double text;     // label gray: white on dark bands, black on light ones
};

// Distinct in hue and lightness, and always labelled: colour is never the only cue.
RoleStyle roleStyle(Role role) {
    switch (role) {
        case Role::Intern:
            return {0.08, 0.40, 0.75, 1.0};
        case Role::Guest:
            return {0.18, 0.49, 0.20, 1.0};
        case Role::Staff:
            return {1.00, 0.70, 0.00, 0.0};
        case Role::Lead:
            return {0.60, 0.10, 0.45, 1.0};
    }
    return {0.5, 0.5, 0.5, 1.0};
}

}  // namespace

// Gender-inclusive Spanish forms, as Spanish event signage writes them.
const char* badgeRoleLabel(Role role, const std::string& labelLanguage) {
    const bool es = labelLanguage.rfind("es", 0) == 0;
    switch (role) {
        case Role::Intern:
            return es ? "BECARIO/A" : "INTERN";
        case Role::Guest:
            return es ? "INVITADO/A" : "GUEST";
        case Role::Staff:
            return es ? "EQUIPO" : "STAFF";
        case Role::Lead:
            return es ? "ORGANIZACIÓN" : "LEAD";
    }
    return es ? "INVITADO/A" : "GUEST";
}

namespace {

// ---- drawing ---------------------------------------------------------------------

// The role band: colour plus its label (colour is never the only cue). Wide
// badges also carry the event name in the band, right-aligned, to leave the
// body to the name and the QR.
void drawBand(Drawer& d, const BadgeData& badge, const Box& b, double height, double pad,
              bool withEvent) {
    const RoleStyle style = roleStyle(badge.role);
    cairo_set_source_rgb(d.cr, style.r, style.g, style.b);
    cairo_rectangle(d.cr, b.x, b.y, b.w, height);
    cairo_fill(d.cr);
    const double size = height * 0.5;
    const double baseline = b.y + height * 0.5 + size * 0.36;
    auto label = d.line(badgeRoleLabel(badge.role, badge.labelLanguage), size, true, b.w - 2 * pad,
                        PANGO_ALIGN_LEFT);
    d.show(label.get(), b.x + pad, baseline, style.text);
    if (!withEvent || badge.eventName.empty()) return;
    const double labelWidth = layoutWidth(label.get());
    const double eventWidth = b.w - 2 * pad - labelWidth - pad;
    if (eventWidth <= pad) return;
    auto event = d.line(badge.eventName, size * 0.55, false, eventWidth, PANGO_ALIGN_RIGHT);
    // Aligned right in absolute terms, whatever the event name's script.
    pango_layout_set_auto_dir(event.get(), FALSE);
    d.show(event.get(), b.x + b.w - pad - eventWidth, baseline, style.text);
}

struct Secondary {
    double pronounsSize, teamSize, eventSize;
};

// A shrunken name stays the largest text: pronouns and team shrink with it.
void subordinate(Secondary& s, PangoLayout* name) {
    s.pronounsSize = std::min(s.pronounsSize, fontSize(name) * 0.75);
    s.teamSize = std::min(s.teamSize, fontSize(name) * 0.8);
}

// Space below the name's last baseline: its ink (Arabic descends much further
// than Latin), and at least a sixth of its size so a large name without
// descenders still has air under it.
double nameDescent(PangoLayout* name) {
    PangoRectangle ink{}, logical{};
    pango_layout_get_extents(name, &ink, &logical);
    const double inkBottom = static_cast<double>(ink.y + ink.height) / PANGO_SCALE;
    const double baseline = static_cast<double>(pango_layout_get_baseline(name)) / PANGO_SCALE;
    return std::max(fontSize(name) / 6, inkBottom - baseline - lastBaselineOffset(name));
}

// Baseline steps for the pronouns and team lines under the name.
struct SecondarySteps {
    double pronouns = 0, team = 0;
};
SecondarySteps secondarySteps(const BadgeData& badge, const Secondary& s, double descent) {
    SecondarySteps steps;
    double gap = descent;
    if (!badge.pronouns.empty()) {
        steps.pronouns = gap + s.pronounsSize * 1.3;
        gap = s.pronounsSize * 0.35;
    }
    if (!badge.team.empty()) steps.team = gap + s.teamSize * (badge.pronouns.empty() ? 1.3 : 1.2);
    return steps;
}

// Height of the pronouns and team lines below the name's logical box.
double secondaryHeight(const BadgeData& badge, const Secondary& s, double descent) {
    const SecondarySteps steps = secondarySteps(badge, s, descent);
    const double h = steps.pronouns + steps.team - descent;
    return std::max(0.0, h + (badge.team.empty() ? s.pronounsSize : s.teamSize) * 0.3);
}

// Pronouns and team under the name, flowing from the name's last baseline;
// returns the last baseline drawn.
double drawSecondary(Drawer& d, const BadgeData& badge, double x, double width, PangoLayout* name,
                     double firstBaseline, const Secondary& s, PangoAlignment align) {
    const SecondarySteps steps = secondarySteps(badge, s, nameDescent(name));
    double baseline = firstBaseline + lastBaselineOffset(name);
    if (!badge.pronouns.empty()) {
        baseline += steps.pronouns;
        auto l = d.line(badge.pronouns, s.pronounsSize, false, width, align, badge.language);
        d.show(l.get(), x, baseline, 0.35);
    }
    if (!badge.team.empty()) {
        baseline += steps.team;
        auto l = d.line(badge.team, s.teamSize, true, width, align, badge.language);
        // A long team name shrinks a little before it is cut.
        for (double size = s.teamSize * 0.92;
             pango_layout_is_ellipsized(l.get()) && size >= s.teamSize * 0.75; size *= 0.92)
            l = d.line(badge.team, size, true, width, align, badge.language);
        d.show(l.get(), x, baseline, 0.15);
    }
    return baseline;
}

// Wide badges (4x3, CR80, sheet cells): text on the left, QR on the right.
void drawLandscape(Drawer& d, const BadgeData& badge, const QrCode* code, const Box& b) {
    const double pad = b.h * 0.06;
    const double band = b.h * 0.17;
    drawBand(d, badge, b, band, pad, true);
    const double top = b.y + band + pad;
    const double available = b.y + b.h - pad - top;
    double textRight = b.x + b.w - pad;
    if (code) {
        // Modules in the quiet zone are white anyway: the QR box may reach into the pad.
        const double side = std::min(available + pad, b.w * 0.42);
        const double qrX = b.x + b.w - side - pad * 0.5;
        drawQr(d, *code, qrX, b.y + band + (b.h - band - side) / 2, side);
        textRight = qrX;  // the quiet zone stays clear of text
    }
    const double x = b.x + pad;
    const double width = textRight - x;
    Secondary s{b.h * 0.07, b.h * 0.075, 0};
    Box nameBox{x, top, width, available * 0.6};
    auto name = pango::fitName(d, badge.name, badge.language, nameBox.w, nameBox.h, b.h * 0.19,
                               b.h * 0.06, PANGO_ALIGN_LEFT);
    subordinate(s, name.get());
    // The text block sits a little above the body's middle, level with the QR.
    const double block =
        layoutHeight(name.get()) + secondaryHeight(badge, s, nameDescent(name.get()));
    const double blockTop = top + std::max(0.0, available - block) * 0.4;
    const double firstBaseline =
        blockTop + static_cast<double>(pango_layout_get_baseline(name.get())) / PANGO_SCALE;
    d.show(name.get(), x, firstBaseline, 0.07);
    drawSecondary(d, badge, x, width, name.get(), firstBaseline, s, PANGO_ALIGN_LEFT);
}

// Tall badges (4x6, A6): centred text, QR below.
void drawPortrait(Drawer& d, const BadgeData& badge, const QrCode* code, const Box& b) {
    const double pad = b.w * 0.07;
    const double band = b.h * 0.09;
    drawBand(d, badge, b, band, pad, false);
    const double x = b.x + pad;
    const double width = b.w - 2 * pad;
    const double top = b.y + band + pad;
    Secondary s{b.w * 0.05, b.w * 0.055, b.w * 0.045};
    Box nameBox{x, top, width, b.h * 0.22};
    auto name = pango::fitName(d, badge.name, badge.language, nameBox.w, nameBox.h, b.w * 0.15,
                               b.w * 0.05, PANGO_ALIGN_CENTER);
    subordinate(s, name.get());
    const double firstBaseline =
        top + static_cast<double>(pango_layout_get_baseline(name.get())) / PANGO_SCALE;
    d.show(name.get(), x, firstBaseline, 0.07);
    const double textBottom =
        drawSecondary(d, badge, x, width, name.get(), firstBaseline, s, PANGO_ALIGN_CENTER);
    const double eventBaseline = b.y + b.h - pad;
    if (!badge.eventName.empty()) {
        auto l = d.line(badge.eventName, s.eventSize, false, width, PANGO_ALIGN_CENTER);
        d.show(l.get(), x, eventBaseline, 0.4);
    }
    if (code) {
        const double qrTop = textBottom + s.teamSize;
        const double qrBottom = eventBaseline - s.eventSize * 1.6;
        const double side = std::min(qrBottom - qrTop, b.w * 0.66);
        drawQr(d, *code, b.x + (b.w - side) / 2, qrTop + (qrBottom - qrTop - side) / 2, side);
    }
}

void drawBadge(Drawer& d, const BadgeData& badge, const QrCode* code, const Box& b) {
    cairo_save(d.cr);
    cairo_rectangle(d.cr, b.x, b.y, b.w, b.h);
    cairo_clip(d.cr);  // a badge never draws into its neighbour on a sheet
    if (b.w >= b.h) {
        drawLandscape(d, badge, code, b);
    } else {
        drawPortrait(d, badge, code, b);
    }
    cairo_restore(d.cr);
}

void drawCutLines(cairo_t* cr, const Box& b) {
    const double dashes[] = {3.0, 3.0};
    cairo_save(cr);
    cairo_set_dash(cr, dashes, 2, 0);
    cairo_set_line_width(cr, 0.5);
    cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
    cairo_rectangle(cr, b.x, b.y, b.w, b.h);
    cairo_stroke(cr);
    cairo_restore(cr);
}

// Encodes every token first, so a bad one fails before any file is created.
bool encodeAll(const std::vector<BadgeData>& badges, std::vector<std::optional<QrCode>>& codes,
               BadgeResult& result) {
    for (std::size_t i = 0; i < badges.size(); ++i) {
        if (badges[i].token.empty()) {
            codes.emplace_back();
            continue;
        }
        auto code = encodeQr(badges[i].token, 'M');
        if (!code) {
            result.error = "cannot encode the badge code of badge " + std::to_string(i + 1);
            return false;
        }
        result.qrVersion = std::max(result.qrVersion, code->version);
        codes.push_back(std::move(code));
    }
    return true;
}

}  // namespace

std::optional<BadgeSize> parseBadgeSize(std::string_view text) {
    std::string lower(text);
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const BadgeSize size : {BadgeSize::Badge4x3, BadgeSize::Badge4x6, BadgeSize::A6,
                                 BadgeSize::CR80, BadgeSize::A4Sheet8Up}) {
        if (lower == badgeSizeName(size)) return size;
    }
    return std::nullopt;
}

const char* badgeSizeName(BadgeSize size) {
    switch (size) {
        case BadgeSize::Badge4x3:
            return "4x3";
        case BadgeSize::Badge4x6:
            return "4x6";
        case BadgeSize::A6:
            return "a6";
        case BadgeSize::CR80:
            return "cr80";
        case BadgeSize::A4Sheet8Up:
            return "a4-8up";
    }
    return "4x3";
}

PagePoints badgePagePoints(BadgeSize size) {
    const Page page = pageFor(size);
    return {page.width, page.height};
}

BadgeResult renderBadgePdf(const std::string& path, const std::vector<BadgeData>& badges,
                           BadgeSize size) {
    BadgeResult result;
    if (badges.empty()) {
        result.error = "no badges to print";
        return result;
    }
    std::vector<std::optional<QrCode>> codes;
    if (!encodeAll(badges, codes, result)) return result;
    const Page page = pageFor(size);
    auto draw = [&](cairo_t* cr) {
        Drawer d{cr};
        for (std::size_t i = 0; i < badges.size(); ++i) {
            const int slot = static_cast<int>(i % static_cast<std::size_t>(perPage(page)));
            const Box box = cellBox(page, slot);
            drawBadge(d, badges[i], codes[i] ? &*codes[i] : nullptr, box);
            if (perPage(page) > 1) drawCutLines(cr, box);
            if (slot == perPage(page) - 1 || i + 1 == badges.size()) cairo_show_page(cr);
        }
        result.unknownGlyphs = d.unknownGlyphs;
    };
    result.ok =
        pango::writePdfFile(path, page.width, page.height, "Badges", "badge", draw, &result.error);
    return result;
}

BadgeResult renderBadgePng(const std::string& path, const BadgeData& badge, BadgeSize size,
                           int dpi) {
    BadgeResult result;
    if (dpi < 36 || dpi > 1200) {
        result.error = "dpi must be between 36 and 1200";
        return result;
    }
    std::vector<std::optional<QrCode>> codes;
    if (!encodeAll({badge}, codes, result)) return result;
    const Box cell = cellBox(pageFor(size), 0);
    auto draw = [&](cairo_t* cr) {
        Drawer d{cr};
        d.pixelsPerPoint = dpi / 72.0;
        drawBadge(d, badge, codes[0] ? &*codes[0] : nullptr, {0, 0, cell.w, cell.h});
        result.unknownGlyphs = d.unknownGlyphs;
    };
    result.ok = pango::writePngFile(path, cell.w, cell.h, dpi / 72.0, "badge", draw, &result.error);
    return result;
}

}  // namespace oh
