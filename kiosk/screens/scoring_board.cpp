// The judge's board: "Next demo for you" (core/judging/suggestions.hpp: coverage first, never
// a conflicted team or a demo already scored), the judge's progress ("7 of 12 demos scored"),
// and every demo of the event in a searchable list, marked scored, conflict or presenting now.
// Tapping a demo opens its sheet. "Lock" (and idle) locks the tablet.
#include <algorithm>
#include <string>

#include "core/text/fold.hpp"
#include "kiosk/screen_ids.hpp"
#include "kiosk/screens/screens.hpp"
#include "kiosk/session.hpp"
#include "kiosk/ui/rows.hpp"
#include "kiosk/ui/theme.hpp"

namespace oh::kiosk {
namespace {

std::string joinedNames(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

class ScoringBoardScreen final : public Screen {
  public:
    const char* id() const override { return screen_id::scoringBoard; }
    bool showsPersonalData() const override { return true; }
    std::optional<std::chrono::milliseconds> idleTimeout() const override { return timeout_; }
    void onEnter(AppContext& ctx) override {
        query_.clear();
        if (!ctx.session) return;
        timeout_ = std::chrono::seconds(ctx.session->floor().judging().lockAfterIdleSeconds);
        if (!ctx.session->floor().judge()) return ctx.go(screen_id::scoring);
        ctx.session->floor().refreshBoard();
    }

    void drawContent(AppContext& ctx) override {
        if (ui::topBar(ctx, "scoring.lock")) ctx.go(screen_id::scoring);
        if (!ctx.session || !ctx.session->floor().judge()) return;
        FloorSession& floor = ctx.session->floor();
        const float margin = ctx.px(48);
        float y = drawHeader(ctx, floor, margin);
        const auto& board = floor.board();
        if (!board) return;
        const float gap = ctx.px(32);
        const float colW = (ctx.width - 2 * margin - gap) * 0.5f;
        drawSuggestions(ctx, floor, *board, ImVec2(margin, y), colW);
        drawAllDemos(ctx, floor, *board, ImVec2(margin + colW + gap, y), colW);
    }

  private:
    float drawHeader(AppContext& ctx, FloorSession& floor, float margin) {
        const float width = ctx.width - 2 * margin;
        float y = ctx.px(104);
        const auto& board = floor.board();
        y += ui::shapedText(
            ctx, substitute(ctx.tr("scoring.board_title"), {{"name", floor.judge()->fullName}}), 34,
            true, theme::kText, ImVec2(margin, y), width, ui::Align::Left);
        if (!board) return y;
        std::string line =
            ctx.strings.format("scoring.progress", {{"done", std::to_string(board->scoredByMe)},
                                                    {"total", std::to_string(board->scorable)}});
        const bool closed = board->closed;
        if (closed) line += "  ·  " + ctx.tr("scoring.closed");
        if (const auto& w = floor.lastWrite())  // what the sheet just did
            line += "  ·  " + ctx.tr(std::string("scoring.written.") + scoreWriteStatusKey(*w));
        y += ui::wrappedText(ctx, ctx.fonts.bodyBold, line, ImVec2(margin, y), width,
                             closed ? theme::kAccent : theme::kTextMuted);
        return y + ctx.px(16);
    }

    ui::RowText rowFor(AppContext& ctx, const FloorDemo& d, JudgeMark mark) const {
        ui::RowText row;
        row.title = d.showcase.title;
        row.subtitle = joinedNames(d.presenterNames);
        if (!d.showcase.location.empty())
            row.subtitle += (row.subtitle.empty() ? "" : "  ·  ") + d.showcase.location;
        if (mark == JudgeMark::Scored) {
            row.tag = ctx.tr("scoring.tag_scored");
        } else if (mark == JudgeMark::Conflict) {
            row.tag = ctx.tr("scoring.tag_conflict");
            row.dimmed = true;
        } else if (d.presentingNow) {
            row.tag = ctx.tr("scoring.tag_now");
        }
        return row;
    }

    void drawSuggestions(AppContext& ctx, FloorSession& floor, const JudgeBoard& board, ImVec2 pos,
                         float width) {
        float y = pos.y;
        y += ui::wrappedText(ctx, ctx.fonts.bodyBold, ctx.tr("scoring.next_for_you"),
                             ImVec2(pos.x, y), width, theme::kText);
        y += ctx.px(8);
        if (board.suggestions.empty()) {
            ui::wrappedText(ctx, ctx.fonts.body, ctx.tr("scoring.no_suggestion"), ImVec2(pos.x, y),
                            width, theme::kTextMuted);
            return;
        }
        const float rowH = ctx.px(96), gap = ctx.px(12);
        for (const Suggestion& s : board.suggestions) {
            auto it = std::find_if(board.demos.begin(), board.demos.end(),
                                   [&](const FloorDemo& d) { return d.showcase.id == s.demoId; });
            if (it == board.demos.end() || y + rowH > ctx.height - ctx.px(24)) continue;
            ui::RowText row = rowFor(ctx, *it, JudgeMark::None);
            row.highlighted = true;
            row.tag = s.scores == 1 ? ctx.tr("scoring.tag_one_score")
                                    : ctx.strings.format("scoring.tag_scores",
                                                         {{"count", std::to_string(s.scores)}});
            if (s.presentingNow) row.tag = ctx.tr("scoring.tag_now");
            if (ui::listRow(ctx, "next-" + s.demoId, row, ImVec2(pos.x, y), ImVec2(width, rowH)))
                open(ctx, floor, s.demoId);
            y += rowH + gap;
        }
    }

    void drawAllDemos(AppContext& ctx, FloorSession& floor, const JudgeBoard& board, ImVec2 pos,
                      float width) {
        float y = pos.y;
        y += ui::wrappedText(ctx, ctx.fonts.bodyBold, ctx.tr("scoring.all_demos"), ImVec2(pos.x, y),
                             width, theme::kText);
        y += ctx.px(8);
        ui::textField(ctx, "##demo-search", query_, ctx.tr("scoring.search_hint"), ImVec2(pos.x, y),
                      width, false);
        y += ctx.fonts.button->FontSize + ImGui::GetStyle().FramePadding.y * 2 + ctx.px(12);
        if (query_ != searched_) folded_ = foldForSearch(searched_ = query_);
        const float rowH = ctx.px(76), gap = ctx.px(8);
        for (std::size_t i = 0; i < board.demos.size(); ++i) {
            const FloorDemo& d = board.demos[i];
            // The demos' keys were folded on the desk worker; only the query is folded here.
            if (!folded_.empty() && d.searchKey.find(folded_) == std::string::npos) continue;
            if (y + rowH > ctx.height - ctx.px(24)) break;
            if (ui::listRow(ctx, "all-" + d.showcase.id, rowFor(ctx, d, board.marks[i]),
                            ImVec2(pos.x, y), ImVec2(width, rowH)))
                open(ctx, floor, d.showcase.id);
            y += rowH + gap;
        }
    }

    static void open(AppContext& ctx, FloorSession& floor, const std::string& demoId) {
        floor.openSheet(demoId);
        ctx.go(screen_id::scoringSheet);
    }

    std::string query_, searched_, folded_;
    std::chrono::milliseconds timeout_{120'000};
};

}  // namespace

std::unique_ptr<Screen> makeScoringBoardScreen() {
    return std::make_unique<ScoringBoardScreen>();
}

}  // namespace oh::kiosk
