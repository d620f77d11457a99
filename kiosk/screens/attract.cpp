// Attract screen: what the kiosk shows while it waits. The event, the invitation QR prompt
// with a viewfinder graphic, the name-search button and the language switch.
// Static on purpose: it is on screen most of the day, and a still frame costs no battery.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

#include "kiosk/platform/textures.hpp"
#include "kiosk/screen_ids.hpp"
#include "kiosk/screens/screens.hpp"
#include "kiosk/session.hpp"
#include "kiosk/ui/format.hpp"
#include "kiosk/ui/theme.hpp"

namespace oh::kiosk {
namespace {

class AttractScreen final : public Screen {
  public:
    const char* id() const override { return screen_id::attract; }
    bool isAttract() const override { return true; }
    void onEnter(AppContext& ctx) override {
        if (ctx.session) {
            ctx.session->forgetCheckIn();
            if (ctx.session->camera()) ctx.session->camera()->setPreviewWanted(true);
        }
        if (ctx.textures) ctx.textures->clear();  // no name textures survive the attendee
    }
    void onLeave(AppContext& ctx) override {
        if (ctx.session && ctx.session->camera()) ctx.session->camera()->setPreviewWanted(false);
        if (ctx.textures) ctx.textures->dropPreview();
    }

    void drawContent(AppContext& ctx) override {
        const float margin = ctx.px(48);
        drawTopBar(ctx, margin);
        float y = drawEventHeader(ctx, margin, ctx.px(118));
        const float footerHeight = ctx.px(96);
        drawScanPanel(ctx, ImVec2(margin, y + ctx.px(36)),
                      ImVec2(ctx.width - margin, ctx.height - footerHeight));
        const auto [footer, footerColor] = footerLine(ctx);
        ui::centeredText(ctx, ctx.fonts.small, footer, ctx.width * 0.5f,
                         ctx.height - footerHeight + ctx.px(30), ctx.width - 2 * margin,
                         footerColor);
    }

  private:
    static void drawTopBar(AppContext& ctx, float margin) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const float top = ctx.px(32);
        const float barHeight = ctx.px(60);
        // Brand: a small accent mark, the product name and what this device is for.
        const float r = ctx.px(14);
        const ImVec2 mark(margin + r, top + barHeight * 0.5f);
        dl->AddCircleFilled(mark, r, theme::kAccent, 32);
        dl->AddCircleFilled(mark, r * 0.45f, theme::kBackgroundTop, 24);
        const std::string& brand = ctx.tr("app.brand");
        ImFont* bold = ctx.fonts.bodyBold;
        const float textY = top + (barHeight - bold->FontSize) * 0.5f;
        dl->AddText(bold, bold->FontSize, ImVec2(mark.x + r + ctx.px(14), textY), theme::kText,
                    brand.c_str());
        const float brandEnd = mark.x + r + ctx.px(14) + ui::textWidth(bold, brand);
        const std::string tagline = "·  " + ctx.tr("app.tagline");
        dl->AddText(ctx.fonts.body, ctx.fonts.body->FontSize, ImVec2(brandEnd + ctx.px(12), textY),
                    theme::kTextMuted, tagline.c_str());
        drawLanguageSwitch(ctx, ctx.width - margin, top, barHeight);
        // Staff entry: the brand mark. Unlabelled on purpose (behind the staff PIN anyway).
        ImGui::SetCursorScreenPos(ImVec2(margin - ctx.px(8), top));
        if (ImGui::InvisibleButton("staff-corner", ImVec2(ctx.px(64), barHeight)))
            ctx.go(screen_id::staffPin);
        ctx.hits.add(Hit{"staff-corner", ImVec2(margin - ctx.px(8), top),
                         ImVec2(margin + ctx.px(56), top + barHeight), true});
    }

    // Right-aligned pills, one per language, each labelled in its own language.
    static void drawLanguageSwitch(AppContext& ctx, float right, float top, float height) {
        const auto languages = ctx.strings.languages();
        if (languages.size() < 2) return;
        const float gap = ctx.px(12);
        std::vector<float> widths;
        float total = 0;
        for (const auto& lang : languages) {
            widths.push_back(std::max(
                ctx.px(150), ui::textWidth(ctx.fonts.bodyBold, lang.nativeName) + ctx.px(48)));
            total += widths.back() + gap;
        }
        float x = right - total + gap;
        for (size_t i = 0; i < languages.size(); ++i) {
            const auto& lang = languages[i];
            const bool selected = lang.code == ctx.strings.language();
            const std::string id = "lang-" + lang.code;
            if (ui::button(ctx, id.c_str(), lang.nativeName, ImVec2(x, top),
                           ImVec2(widths[i], height),
                           selected ? ui::ButtonStyle::Selected : ui::ButtonStyle::Secondary,
                           ctx.fonts.bodyBold)) {
                ctx.strings.setLanguage(lang.code);
            }
            x += widths[i] + gap;
        }
    }

    // Event name and where/when; returns the y below it.
    static float drawEventHeader(AppContext& ctx, float margin, float top) {
        const float maxWidth = ctx.width - 2 * margin;
        float y = top;
        // At most two lines: a long event name must not push the ways in off the screen.
        y += ui::centeredText(ctx, ctx.fonts.title, ctx.model.event.name, ctx.width * 0.5f, y,
                              maxWidth, theme::kText, 2);
        std::string where = ctx.model.event.venue;
        if (!where.empty() && (!ctx.model.event.when.empty() || ctx.model.event.startsAt > 0))
            where += "   ·   ";
        const auto& ev = ctx.model.event;
        where += ev.startsAt > 0 ? fmt::eventWhen(ctx.strings, ev.startsAt, ev.endsAt) : ev.when;
        if (!where.empty()) {
            y += ctx.px(6);
            y += ui::centeredText(ctx, ctx.fonts.body, where, ctx.width * 0.5f, y, maxWidth,
                                  theme::kTextMuted);
        }
        return y;
    }

    // The card with the QR viewfinder on the left and the two ways in on the right.
    static void drawScanPanel(AppContext& ctx, ImVec2 min, ImVec2 max) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(ImVec2(min.x, min.y + ctx.px(6)), ImVec2(max.x, max.y + ctx.px(6)),
                          theme::kShadow, ctx.px(28));
        dl->AddRectFilled(min, max, theme::kPanel, ctx.px(28));
        dl->AddRect(min, max, theme::kPanelBorder, ctx.px(28), 0, ctx.px(1.5f));

        const float pad = ctx.px(64);
        const float panelWidth = max.x - min.x;
        const float panelHeight = max.y - min.y;
        const float guide = std::min(panelHeight - ctx.px(72), ctx.px(340));
        // Guide and text column form one group, centred in the card: on 16:9 the card is
        // wider than the group, and a left-heavy layout looks unfinished.
        const float colWidth = std::min(panelWidth - 3 * pad - guide, ctx.px(660));
        const float groupWidth = guide + pad + colWidth;
        const float left = min.x + std::max(pad, (panelWidth - groupWidth) * 0.5f);
        const ImVec2 guideMin(left, min.y + (panelHeight - guide) * 0.5f);
        TextureView preview;
        if (ctx.textures && ctx.session && ctx.session->camera())
            preview = ctx.textures->cameraPreview(*ctx.session->camera());
        if (preview.id) {
            // Live preview, cropped to a square and mirrored like a selfie camera, inside the
            // guide.
            const float aspect = preview.width / std::max(1.0f, preview.height);
            const float u0 = aspect > 1 ? (1 - 1 / aspect) * 0.5f : 0.0f;
            const float v0 = aspect < 1 ? (1 - aspect) * 0.5f : 0.0f;
            const float inset = ctx.px(14);
            dl->AddImageRounded(preview.id, ImVec2(guideMin.x + inset, guideMin.y + inset),
                                ImVec2(guideMin.x + guide - inset, guideMin.y + guide - inset),
                                ImVec2(1 - u0, v0), ImVec2(u0, 1 - v0), IM_COL32_WHITE, ctx.px(12));
            ui::qrGuide(dl, guideMin, guide, theme::kAccent, 0, ctx.scale);
            ctx.hits.add(Hit{"camera-preview", guideMin,
                             ImVec2(guideMin.x + guide, guideMin.y + guide), false});
        } else if (ctx.model.cameraState == CameraState::Missing ||
                   ctx.model.cameraState == CameraState::Lost) {
            // No camera: the viewfinder steps back so the search button reads as the way in.
            ui::qrGuide(dl, guideMin, guide, theme::kPanelBorder, theme::kPanelBorder, ctx.scale);
        } else {
            ui::qrGuide(dl, guideMin, guide, theme::kAccent, theme::kText, ctx.scale);
        }
        ctx.hits.add(
            Hit{"qr-guide", guideMin, ImVec2(guideMin.x + guide, guideMin.y + guide), false});
        drawWaysIn(ctx, guideMin.x + guide + pad, colWidth, min.y, max.y);
    }

    // The help line, or, while this device's clock is more than a minute off the central
    // record's, what staff should fix (codes are checked against this clock).
    static std::pair<std::string, ImU32> footerLine(const AppContext& ctx) {
        const auto off = ctx.session ? ctx.session->clockWarningMs() : std::nullopt;
        if (!off) return {ctx.tr("attract.help"), theme::kTextMuted};
        const long long minutes = std::max<long long>(1, (std::llabs(*off) + 30'000) / 60'000);
        return {ctx.strings.format(*off > 0 ? "clock.ahead" : "clock.behind",
                                   {{"minutes", std::to_string(minutes)}}),
                theme::kAccent};
    }

    // The camera's state in one line: ready, starting, or what to do without it.
    static std::pair<std::string, ImU32> cameraLine(const AppContext& ctx) {
        switch (ctx.model.cameraState) {
            case CameraState::Running:
                return {ctx.tr("camera.ready"), theme::kOk};
            case CameraState::Starting:
                return {ctx.tr("camera.starting"), theme::kTextMuted};
            case CameraState::Missing:
                return {ctx.tr("camera.missing"), theme::kAccent};
            case CameraState::Lost:
                return {ctx.tr("camera.lost"), theme::kAccent};
            case CameraState::Off:
                break;
        }
        return {"", 0};
    }

    static void drawWaysIn(AppContext& ctx, float x, float width, float top, float bottom) {
        const std::string& title = ctx.tr("attract.scan_title");
        const std::string& hint = ctx.tr("attract.scan_hint");
        const auto [camText, camColor] = cameraLine(ctx);
        const float buttonHeight = ctx.px(96);
        const float walkInHeight = ctx.px(64);
        const float gapSmall = ctx.px(16);
        const float orHeight = ctx.fonts.body->FontSize;
        const float titleH = ui::measureWrapped(ctx.fonts.heading, title, width).y;
        const float hintH = ui::measureWrapped(ctx.fonts.body, hint, width).y;
        const float camH =
            camText.empty()
                ? 0.0f
                : ui::measureWrapped(ctx.fonts.small, camText, width - ctx.px(28)).y + ctx.px(10);
        const bool walkIns = ctx.session && ctx.session->hasStore();
        const float fixed = titleH + gapSmall + hintH + camH + orHeight + buttonHeight +
                            (walkIns ? gapSmall + walkInHeight : 0.0f);
        // The gaps around "or" give way first when the card is short (long event names).
        const float gapLarge =
            std::clamp((bottom - top - ctx.px(48) - fixed) * 0.5f, ctx.px(12), ctx.px(36));
        const float total = fixed + 2 * gapLarge;
        // Centre the column in the card so both sizes (16:10 and 16:9) look balanced.
        float y = top + std::max(ctx.px(24), (bottom - top - total) * 0.5f);

        y += ui::wrappedText(ctx, ctx.fonts.heading, title, ImVec2(x, y), width, theme::kText) +
             gapSmall;
        y += ui::wrappedText(ctx, ctx.fonts.body, hint, ImVec2(x, y), width, theme::kTextMuted);
        if (!camText.empty()) {
            y += ctx.px(10);
            ImDrawList* dl = ImGui::GetWindowDrawList();
            const float r = ctx.px(7);
            dl->AddCircleFilled(ImVec2(x + r, y + ctx.fonts.small->FontSize * 0.62f), r, camColor,
                                16);
            y += ui::wrappedText(ctx, ctx.fonts.small, camText, ImVec2(x + ctx.px(28), y),
                                 width - ctx.px(28), camColor);
        }
        y += gapLarge;
        y += drawOrDivider(ctx, x, y, width) + gapLarge;

        const std::string& label = ctx.tr("attract.search_button");
        const std::string& walkIn = ctx.tr("attract.walk_in_button");
        // Both ways in share one width: a tidy column in every language.
        const float buttonWidth = std::min(
            width,
            std::max({ctx.px(420), ui::textWidth(ctx.fonts.button, label) + ctx.px(140),
                      walkIns ? ui::textWidth(ctx.fonts.bodyBold, walkIn) + ctx.px(64) : 0.0f}));
        if (ui::button(ctx, "search", label, ImVec2(x, y), ImVec2(buttonWidth, buttonHeight),
                       ui::ButtonStyle::Primary, ctx.fonts.button, ui::magnifierIcon)) {
            ctx.go(screen_id::search);
        }
        if (walkIns) {
            y += buttonHeight + gapSmall;
            if (ui::button(ctx, "walk-in", walkIn, ImVec2(x, y), ImVec2(buttonWidth, walkInHeight),
                           ui::ButtonStyle::Secondary, ctx.fonts.bodyBold)) {
                ctx.go(screen_id::walkIn);
            }
        }
    }

    // "—— or ——": tells the attendee the button is the alternative to scanning.
    static float drawOrDivider(AppContext& ctx, float x, float y, float width) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const std::string& orText = ctx.tr("attract.or");
        ImFont* font = ctx.fonts.body;
        const float tw = ui::textWidth(font, orText);
        const float lineY = y + font->FontSize * 0.55f;
        const float lineLen = ctx.px(60);
        dl->AddLine(ImVec2(x, lineY), ImVec2(x + lineLen, lineY), theme::kPanelBorder, ctx.px(2));
        dl->AddText(font, font->FontSize, ImVec2(x + lineLen + ctx.px(16), y), theme::kTextMuted,
                    orText.c_str());
        const float after = x + lineLen + ctx.px(32) + tw;
        dl->AddLine(ImVec2(after, lineY), ImVec2(std::min(x + width, after + lineLen), lineY),
                    theme::kPanelBorder, ctx.px(2));
        return font->FontSize;
    }
};

}  // namespace

std::unique_ptr<Screen> makeAttractScreen() {
    return std::make_unique<AttractScreen>();
}

}  // namespace oh::kiosk
