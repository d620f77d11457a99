// One demo's score sheet: each rubric criterion on the 1-5 scale with the chosen level's
// description on screen, notes, the overall recommendation, and an encore recommendation
// with its brief. Every change is saved as a draft at once (a closed lid loses nothing);
// "Submit" writes the score (an edit replaces the judge's earlier one), "Withdraw" takes it
// back, "Conflict" declares a conflict of interest with the team. A refusal (judging closed,
// something missing) stays on the sheet with its reason.
#include <fmt/format.h>

#include <string>

#include "kiosk/screen_ids.hpp"
#include "kiosk/screens/screens.hpp"
#include "kiosk/session.hpp"
#include "kiosk/ui/theme.hpp"

namespace oh::kiosk {
namespace {

constexpr Recommendation kRecommendations[] = {Recommendation::StrongYes, Recommendation::Yes,
                                               Recommendation::Mixed, Recommendation::No};

class ScoringSheetScreen final : public Screen {
  public:
    const char* id() const override { return screen_id::scoringSheet; }
    bool showsPersonalData() const override { return true; }
    std::optional<std::chrono::milliseconds> idleTimeout() const override { return timeout_; }
    void onEnter(AppContext& ctx) override {
        if (!ctx.session) return;
        timeout_ = std::chrono::seconds(ctx.session->floor().judging().lockAfterIdleSeconds);
        if (!ctx.session->floor().judge()) ctx.go(screen_id::scoring);
    }

    void drawContent(AppContext& ctx) override {
        if (ui::topBar(ctx, "common.back")) ctx.go(screen_id::scoringBoard);
        if (!ctx.session || !ctx.session->floor().judge()) return;
        FloorSession& floor = ctx.session->floor();
        if (!floor.sheetReady()) return;
        const FloorDemo* demo = demoOnBoard(floor);
        if (!demo) return;
        afterWrite(ctx, floor);
        const float margin = ctx.px(48), gap = ctx.px(32);
        const float leftW = (ctx.width - 2 * margin - gap) * 0.58f;
        const float rightX = margin + leftW + gap;
        const float rightW = ctx.width - margin - rightX;
        float y = drawDemo(ctx, *demo, ImVec2(margin, ctx.px(104)), ctx.width - 2 * margin);
        bool edited = drawCriteria(ctx, floor, ImVec2(margin, y), leftW);
        edited |= drawOpinion(ctx, floor, ImVec2(rightX, y), rightW);
        if (edited) floor.sheetEdited();
        drawActions(ctx, floor, ImVec2(rightX, ctx.height - ctx.px(180)), rightW);
    }

  private:
    static const FloorDemo* demoOnBoard(FloorSession& floor) {
        if (!floor.board()) return nullptr;
        for (const FloorDemo& d : floor.board()->demos)
            if (d.showcase.id == floor.sheetDemo()) return &d;
        return nullptr;
    }

    // A saved, withdrawn or conflicted score goes back to the board, which says so.
    static void afterWrite(AppContext& ctx, FloorSession& floor) {
        const auto& w = floor.lastWrite();
        if (w && (*w == ScoreWriteStatus::Saved || *w == ScoreWriteStatus::Withdrawn ||
                  *w == ScoreWriteStatus::ConflictDeclared))
            ctx.go(screen_id::scoringBoard);
    }

    float drawDemo(AppContext& ctx, const FloorDemo& d, ImVec2 pos, float width) {
        float y = pos.y;
        y += ui::shapedText(ctx, d.showcase.title, 32, true, theme::kText, pos, width,
                            ui::Align::Left);
        std::string line;
        for (const auto& n : d.presenterNames) line += (line.empty() ? "" : ", ") + n;
        if (!d.showcase.metricName.empty())
            line += "  ·  " + d.showcase.metricName + " " + d.showcase.metricChange;
        y += ui::shapedText(ctx, line, 20, false, theme::kTextMuted, ImVec2(pos.x, y), width,
                            ui::Align::Left);
        return y + ctx.px(12);
    }

    // Each criterion: its title and weight, five level buttons, the chosen level's text.
    bool drawCriteria(AppContext& ctx, FloorSession& floor, ImVec2 pos, float width) {
        bool edited = false;
        float y = pos.y;
        const float key = std::min(ctx.px(64), (width - 4 * ctx.px(10)) / 5);
        for (const Criterion& c : floor.rubric().criteria) {
            std::string title = c.title;
            if (c.weight != 1) title += fmt::format("  (×{:g})", c.weight);
            y += ui::wrappedText(ctx, ctx.fonts.bodyBold, title, ImVec2(pos.x, y), width,
                                 theme::kText);
            auto& levels = floor.sheet().levels;
            const auto chosen = levels.find(c.key);
            for (int level = 1; level <= kRubricLevels; ++level) {
                const bool on = chosen != levels.end() && chosen->second == level;
                const std::string id = c.key + "-" + std::to_string(level);
                const ImVec2 at(pos.x + (level - 1) * (key + ctx.px(10)), y);
                if (ui::button(ctx, id.c_str(), std::to_string(level), at, ImVec2(key, key * 0.8f),
                               on ? ui::ButtonStyle::Primary : ui::ButtonStyle::Secondary,
                               ctx.fonts.button)) {
                    levels[c.key] = level;
                    edited = true;
                }
                // Five buttons per criterion share their labels: scenarios tap "impact-4".
                ctx.hits.add(Hit{id, at, ImVec2(at.x + key, at.y + key * 0.8f), true});
            }
            const float textX = pos.x + 5 * (key + ctx.px(10)) + ctx.px(6);
            const std::string& described =
                chosen != levels.end() && chosen->second >= 1 && chosen->second <= kRubricLevels
                    ? c.levels[std::size_t(chosen->second - 1)]
                    : ctx.tr("scoring.pick_level");
            ui::wrappedText(ctx, ctx.fonts.body, described, ImVec2(textX, y), pos.x + width - textX,
                            chosen != levels.end() ? theme::kText : theme::kTextMuted);
            y += key * 0.8f + ctx.px(18);
        }
        // The weighted total the conversion rules use, once every criterion has a level.
        if (auto total = rubricTotal(floor.rubric(), floor.sheet()))
            ui::wrappedText(
                ctx, ctx.fonts.bodyBold,
                ctx.strings.format("scoring.total", {{"total", fmt::format("{:.0f}", *total)}}),
                ImVec2(pos.x, y), width, theme::kAccent);
        return edited;
    }

    // Notes, the recommendation, the encore and its brief.
    bool drawOpinion(AppContext& ctx, FloorSession& floor, ImVec2 pos, float width) {
        ScoreSheet& sheet = floor.sheet();
        bool edited = false;
        float y = pos.y;
        y += ui::wrappedText(ctx, ctx.fonts.bodyBold, ctx.tr("scoring.notes"), ImVec2(pos.x, y),
                             width, theme::kText);
        edited |= ui::textField(ctx, "##notes", sheet.notes, ctx.tr("scoring.notes_hint"),
                                ImVec2(pos.x, y), width, false);
        y += ctx.fonts.button->FontSize + ImGui::GetStyle().FramePadding.y * 2 + ctx.px(14);
        y += ui::wrappedText(ctx, ctx.fonts.bodyBold, ctx.tr("scoring.recommendation"),
                             ImVec2(pos.x, y), width, theme::kText);
        const float bw = (width - ctx.px(10)) * 0.5f, bh = ctx.px(56);
        for (int i = 0; i < 4; ++i) {
            const Recommendation r = kRecommendations[i];
            const std::string key = std::string("scoring.rec_") + recommendationKey(r);
            const bool on = sheet.recommendation == r;
            if (ui::button(
                    ctx, recommendationKey(r), ctx.tr(key),
                    ImVec2(pos.x + (i % 2) * (bw + ctx.px(10)), y + (i / 2) * (bh + ctx.px(8))),
                    ImVec2(bw, bh), on ? ui::ButtonStyle::Primary : ui::ButtonStyle::Secondary,
                    ctx.fonts.bodyBold)) {
                sheet.recommendation = r;
                edited = true;
            }
        }
        y += 2 * (bh + ctx.px(8)) + ctx.px(8);
        if (ui::button(ctx, "encore",
                       ctx.tr(sheet.encore ? "scoring.encore_on" : "scoring.encore_off"),
                       ImVec2(pos.x, y), ImVec2(width, bh),
                       sheet.encore ? ui::ButtonStyle::Selected : ui::ButtonStyle::Secondary,
                       ctx.fonts.bodyBold)) {
            sheet.encore = !sheet.encore;
            edited = true;
        }
        y += bh + ctx.px(10);
        if (sheet.encore)
            edited |=
                ui::textField(ctx, "##brief", sheet.encoreBrief,
                              ctx.tr("scoring.encore_brief_hint"), ImVec2(pos.x, y), width, false);
        return edited;
    }

    // The outcome line, then Submit, Withdraw (when there is a score) and Conflict.
    void drawActions(AppContext& ctx, FloorSession& floor, ImVec2 pos, float width) {
        std::string line;
        if (floor.writing()) {
            line = ctx.tr("scoring.saving");
        } else if (const auto& w = floor.lastWrite()) {
            line = ctx.tr(std::string("scoring.written.") + scoreWriteStatusKey(*w));
            for (const auto& p : floor.lastProblems()) line += " " + p + ".";
        } else if (!floor.draftError().empty()) {
            line = ctx.tr("scoring.draft_failed");
        } else if (floor.board() && floor.board()->closed) {
            line = ctx.tr("scoring.closed");
        } else if (floor.sheetFromDraft()) {
            line = ctx.tr("scoring.draft_restored");
        }
        if (!line.empty())
            ui::centeredText(ctx, ctx.fonts.bodyBold, line, pos.x + width * 0.5f,
                             pos.y - ctx.px(64), width, theme::kAccent, 2);
        const float bh = ctx.px(64), gap = ctx.px(10);
        if (ui::button(ctx, "submit", ctx.tr("scoring.submit"), pos, ImVec2(width, bh),
                       ui::ButtonStyle::Primary, ctx.fonts.button))
            floor.submitSheet();
        const float half = (width - gap) * 0.5f;
        const ImVec2 second(pos.x, pos.y + bh + gap);
        if (floor.sheetHasScore() &&
            ui::button(ctx, "withdraw", ctx.tr("scoring.withdraw"), second, ImVec2(half, bh),
                       ui::ButtonStyle::Secondary, ctx.fonts.bodyBold))
            floor.withdrawScore();
        if (ui::button(ctx, "conflict", ctx.tr("scoring.conflict"),
                       ImVec2(pos.x + half + gap, second.y), ImVec2(half, bh),
                       ui::ButtonStyle::Secondary, ctx.fonts.bodyBold))
            floor.declareConflict();
    }

    std::chrono::milliseconds timeout_{120'000};
};

}  // namespace

std::unique_ptr<Screen> makeScoringSheetScreen() {
    return std::make_unique<ScoringSheetScreen>();
}

}  // namespace oh::kiosk
