// Name search: as-you-type over the roster (core NameIndex: accent-insensitive, typo-tolerant).
// Rows show only first name, last initial and team; tapping one checks that person in.
#include <imgui_internal.h>  // ImGui::ClearActiveID

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/roster/search.hpp"
#include "core/text/trim.hpp"
#include "kiosk/input/wedge.hpp"
#include "kiosk/screen_ids.hpp"
#include "kiosk/screens/screens.hpp"
#include "kiosk/session.hpp"
#include "kiosk/ui/keyboard.hpp"
#include "kiosk/ui/theme.hpp"

namespace oh::kiosk {
namespace {

// fonts.hpp's body size, in design pixels: pango text matches the ImGui text around it.
constexpr float kBodySize = 28;

class SearchScreen final : public Screen {
  public:
    const char* id() const override { return screen_id::search; }
    // Results are names (short, but still personal): the shorter timeout applies.
    bool showsPersonalData() const override { return !query_.empty(); }

    void onEnter(AppContext& ctx) override {
        reset();
        keyboard_.reset();
        keyboard_.open(ui::keyboardPolicy(ctx));  // this screen is for typing: keys ready
    }
    void onLeave(AppContext&) override { reset(); }  // the next person must not see this query

    void drawContent(AppContext& ctx) override {
        if (ui::topBar(ctx)) ctx.go(screen_id::attract);
        const float margin = ctx.px(48);
        const float width = std::min(ctx.width - 2 * margin, ctx.px(1000));
        const float left = (ctx.width - width) * 0.5f;
        float y = ctx.px(118);
        y += ui::centeredText(ctx, ctx.fonts.heading, ctx.tr("search.title"), ctx.width * 0.5f, y,
                              width, theme::kText);
        y += ctx.px(20);
        const ui::KeyboardPolicy policy = ui::keyboardPolicy(ctx);
        if (ui::textField(ctx, "##name", query_, ctx.tr("search.placeholder"), ImVec2(left, y),
                          width, true)) {
            keyboard_.notePhysicalTyping(policy);  // ImGui took text: a physical keyboard
        }
        if (ImGui::IsItemClicked()) keyboard_.open(policy);
        y += ctx.fonts.button->FontSize + ImGui::GetStyle().FramePadding.y * 2 + ctx.px(14);
        takeTypedCode(ctx);
        if (query_ != searched_) {
            searched_ = query_;
            hits_ = ctx.session ? ctx.session->search(query_, 6) : std::vector<SearchHit>{};
        }
        // With the on-screen keyboard open the results need the room more than the hint.
        const float keys = keyboard_.visible() ? ui::OnScreenKeyboard::height(ctx) : 0.0f;
        if (!keyboard_.visible()) {
            y += ui::wrappedText(ctx, ctx.fonts.small, ctx.tr("search.hint"), ImVec2(left, y),
                                 width, theme::kTextMuted);
        }
        y += ctx.px(18);

        const float footer = keyboard_.visible() ? keys + ctx.px(80) : ctx.px(96);
        const float listBottom = ctx.height - footer - ctx.px(16);
        drawResults(ctx, left, y, width, listBottom);

        const std::string& walkIn = ctx.tr("search.not_listed");
        const float bw = std::min(width, ui::textWidth(ctx.fonts.bodyBold, walkIn) + ctx.px(80));
        if (ui::button(ctx, "walk-in", walkIn, ImVec2((ctx.width - bw) * 0.5f, ctx.height - footer),
                       ImVec2(bw, ctx.px(64)), ui::ButtonStyle::Secondary, ctx.fonts.bodyBold)) {
            ctx.go(screen_id::walkIn);
        }
        keyboard_.draw(ctx, query_, ui::KeyboardMode::Name);
    }

  private:
    // An invitation code pasted or typed into the field (too slowly for the wedge detector to
    // see a scanner) is a scan, never a query: it goes to the desk and the field is emptied.
    void takeTypedCode(AppContext& ctx) {
        std::string code = findToken(query_);
        if (code.empty()) return;
        ctx.scannedCodes.push_back(std::move(code));
        query_.clear();
        ImGui::ClearActiveID();  // ImGui would otherwise keep its own copy of the text
    }

    void drawResults(AppContext& ctx, float left, float top, float width, float bottom) {
        const std::string trimmed = oh::trim(query_);
        if (trimmed.empty()) return;
        if (countChars(trimmed) < 2) {
            ui::centeredText(ctx, ctx.fonts.body, ctx.tr("search.too_short"), ctx.width * 0.5f,
                             top + ctx.px(20), width, theme::kTextMuted);
            return;
        }
        if (hits_.empty()) {
            // The query is the attendee's text in any script: shaped by pango.
            ui::shapedText(ctx, substitute(ctx.tr("search.no_results"), {{"query", trimmed}}),
                           kBodySize, false, theme::kTextMuted,
                           ImVec2(ctx.width * 0.5f, top + ctx.px(20)), width, ui::Align::Center);
            return;
        }
        const float rowH = ctx.px(76);
        const float gap = ctx.px(12);
        float y = top;
        for (size_t i = 0; i < hits_.size() && y + rowH <= bottom; ++i) {
            if (drawRow(ctx, hits_[i], i, ImVec2(left, y), ImVec2(width, rowH)) && ctx.session) {
                ctx.session->checkIn(hits_[i].attendeeId);
            }
            y += rowH + gap;
        }
    }

    static bool drawRow(AppContext& ctx, const SearchHit& hit, size_t index, ImVec2 pos,
                        ImVec2 size) {
        ImGui::SetCursorScreenPos(pos);
        ImGui::PushID(static_cast<int>(index));
        const bool pressed = ImGui::InvisibleButton("row", size);
        const bool held = ImGui::IsItemActive();
        ImGui::PopID();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 max(pos.x + size.x, pos.y + size.y);
        const float r = ctx.px(18);
        dl->AddRectFilled(pos, max, held ? theme::kPanelBorder : theme::kPanel, r);
        dl->AddRect(pos, max, theme::kPanelBorder, r, 0, ctx.px(1.5f));
        // The name through pango: any script shapes correctly.
        const float textX = pos.x + ctx.px(28);
        const float nameSize = 30;
        ui::shapedText(ctx, hit.display, nameSize, true, theme::kText,
                       ImVec2(textX, pos.y + (size.y - ctx.px(nameSize) * 1.35f) * 0.5f),
                       size.x * 0.5f, ui::Align::Left);
        // "That's me" pill on the right.
        const std::string& confirm = ctx.tr("search.confirm");
        ImFont* bold = ctx.fonts.bodyBold;
        const float pillW = ui::textWidth(bold, confirm) + ctx.px(48);
        const ImVec2 pillMin(max.x - ctx.px(14) - pillW, pos.y + ctx.px(12));
        const ImVec2 pillMax(max.x - ctx.px(14), max.y - ctx.px(12));
        dl->AddRectFilled(pillMin, pillMax, theme::kAccent, (pillMax.y - pillMin.y) * 0.5f);
        dl->AddText(bold, bold->FontSize,
                    ImVec2(std::floor(pillMin.x + ctx.px(24)),
                           std::floor(pillMin.y + (pillMax.y - pillMin.y - bold->FontSize) * 0.5f)),
                    theme::kOnAccent, confirm.c_str());
        if (!hit.team.empty()) {  // roster text: any script, shaped by pango
            const ImVec2 ts =
                ui::shapedSize(ctx, hit.team, kBodySize, false, theme::kTextMuted, size.x * 0.3f);
            ui::shapedText(ctx, hit.team, kBodySize, false, theme::kTextMuted,
                           ImVec2(std::floor(pillMin.x - ctx.px(28) - ts.x),
                                  std::floor(pos.y + (size.y - ts.y) * 0.5f)),
                           size.x * 0.3f, ui::Align::Left);
        }
        ctx.hits.add(Hit{hit.display + (hit.team.empty() ? "" : " · " + hit.team), pos, max, true});
        return pressed;
    }

    static size_t countChars(const std::string& s) {
        return static_cast<size_t>(
            std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
    }

    void reset() {
        query_.clear();
        hits_.clear();
        searched_.clear();
    }

    ui::OnScreenKeyboard keyboard_;
    std::string query_;
    std::string searched_;
    std::vector<SearchHit> hits_;
};

}  // namespace

std::unique_ptr<Screen> makeSearchScreen() {
    return std::make_unique<SearchScreen>();
}

}  // namespace oh::kiosk
