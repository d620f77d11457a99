// Walk-in registration: name, e-mail, optional pronouns and consent to the privacy notice from
// the configuration. The desk creates the guest, checks them in and prints a badge signed with
// this kiosk's certified device key; the welcome screen follows.
#include <algorithm>
#include <cmath>
#include <string>

#include "core/checkin/walk_in.hpp"
#include "kiosk/screen_ids.hpp"
#include "kiosk/screens/screens.hpp"
#include "kiosk/session.hpp"
#include "kiosk/ui/keyboard.hpp"
#include "kiosk/ui/theme.hpp"

namespace oh::kiosk {
namespace {

class WalkInScreen final : public Screen {
  public:
    const char* id() const override { return screen_id::walkIn; }
    bool showsPersonalData() const override { return !name_.empty() || !email_.empty(); }
    void onEnter(AppContext& ctx) override {
        reset();
        if (ctx.session) ctx.session->clearWalkInProblem();
    }
    void onLeave(AppContext&) override { reset(); }

    void drawContent(AppContext& ctx) override {
        if (ui::topBar(ctx)) ctx.go(screen_id::attract);
        const Layout at = layout(ctx);
        float y = drawIntro(ctx, at);
        bool edited = false;
        y = drawFields(ctx, at, y, edited);
        // The on-screen keyboard covers the bottom of the card: consent and submit come back
        // with its Hide key (drawing them under it would let one tap reach both).
        if (keyboard_.visible()) {
            edited |= keyboard_.draw(
                ctx, targetText(),
                target_ == Field::Email ? ui::KeyboardMode::Email : ui::KeyboardMode::Name);
        } else {
            y = drawConsentRow(ctx, at, y, edited);
        }
        if (edited) {  // a stale complaint goes once the person fixes something
            localProblem_.clear();
            if (ctx.session) ctx.session->clearWalkInProblem();
        }
        if (!keyboard_.visible()) drawProblemAndSubmit(ctx, at, y);
    }

  private:
    enum class Field { Name, Email, Pronouns };

    // Where the card and its column sit for this window size.
    struct Layout {
        ImVec2 cardMin;
        ImVec2 cardMax;
        float inner = 0;  // the column's width
        float left = 0;   // the column's left edge
    };

    static Layout layout(AppContext& ctx) {
        const float margin = ctx.px(48);
        Layout at;
        at.cardMin = ImVec2(margin, ctx.px(112));
        at.cardMax = ImVec2(ctx.width - margin, ctx.height - ctx.px(40));
        at.inner = std::min(at.cardMax.x - at.cardMin.x - ctx.px(128), ctx.px(1000));
        at.left = (ctx.width - at.inner) * 0.5f;
        return at;
    }

    // The card with its title and introduction; returns where the form starts.
    static float drawIntro(AppContext& ctx, const Layout& at) {
        ui::card(ctx, at.cardMin, at.cardMax);
        float y = at.cardMin.y + ctx.px(28);
        y += ui::wrappedText(ctx, ctx.fonts.heading, ctx.tr("walk_in.title"), ImVec2(at.left, y),
                             at.inner, theme::kText);
        y += ui::wrappedText(ctx, ctx.fonts.body, ctx.tr("walk_in.intro"), ImVec2(at.left, y),
                             at.inner, theme::kTextMuted);
        return y + ctx.px(16);
    }

    // Name and e-mail side by side; pronouns under the name. Returns the next free y.
    float drawFields(AppContext& ctx, const Layout& at, float y, bool& edited) {
        const float left = at.left;
        const float fieldH = ctx.fonts.button->FontSize + ImGui::GetStyle().FramePadding.y * 2;
        const float colGap = ctx.px(24);
        const float half = (at.inner - colGap) * 0.5f;
        label(ctx, "walk_in.name_label", ImVec2(left, y), half);
        label(ctx, "walk_in.email_label", ImVec2(left + half + colGap, y), half);
        y += ctx.fonts.small->FontSize * 1.25f + ctx.px(6);
        edited |= field(ctx, Field::Name, "##name", name_, ctx.tr("walk_in.name_placeholder"),
                        ImVec2(left, y), half, focusName_);
        edited |=
            field(ctx, Field::Email, "##email", email_, ctx.tr("walk_in.email_placeholder"),
                  ImVec2(left + half + colGap, y), half, false, ImGuiInputTextFlags_CharsNoBlank);
        focusName_ = false;
        y += fieldH + ctx.px(14);
        label(ctx, "walk_in.pronouns_label", ImVec2(left, y), half);
        y += ctx.fonts.small->FontSize * 1.25f + ctx.px(6);
        edited |=
            field(ctx, Field::Pronouns, "##pronouns", pronouns_, "", ImVec2(left, y), half, false);
        return y + fieldH + ctx.px(20);
    }

    // One text field; tapping it opens the on-screen keyboard for it, and while the keyboard
    // is open the field it serves keeps the focus (a key tap takes it for a moment).
    bool field(AppContext& ctx, Field which, const char* id, std::string& text,
               const std::string& hint, ImVec2 pos, float width, bool focus, int flags = 0) {
        const ui::KeyboardPolicy policy = ui::keyboardPolicy(ctx);
        focus = focus || (keyboard_.visible() && target_ == which);
        const bool changed = ui::textField(ctx, id, text, hint, pos, width, focus, flags);
        if (changed) keyboard_.notePhysicalTyping(policy);
        if (ImGui::IsItemActive()) target_ = which;
        if (ImGui::IsItemClicked()) {
            target_ = which;
            keyboard_.open(policy);
        }
        return changed;
    }

    std::string& targetText() {
        switch (target_) {
            case Field::Email:
                return email_;
            case Field::Pronouns:
                return pronouns_;
            case Field::Name:
                break;
        }
        return name_;
    }

    // Consent: a large toggle row with the notice from the configuration. Returns the next
    // free y.
    float drawConsentRow(AppContext& ctx, const Layout& at, float y, bool& edited) {
        const float left = at.left;
        const float inner = at.inner;
        const std::string notice = ctx.session ? ctx.session->config().kiosk.privacyNotice : "";
        const std::string consent = ctx.tr("walk_in.consent");
        const float box = ctx.px(48);
        const float textW = inner - box - ctx.px(20);
        const float textH =
            ui::measureWrapped(ctx.fonts.body, consent, textW).y +
            (notice.empty() ? 0 : ui::measureWrapped(ctx.fonts.small, notice, textW).y + ctx.px(6));
        const float rowH = std::max(box, textH);
        ImGui::SetCursorScreenPos(ImVec2(left, y));
        if (ImGui::InvisibleButton("consent", ImVec2(inner, rowH))) {
            consent_ = !consent_;
            edited = true;
        }
        drawCheckBox(ctx, ImVec2(left, y + (rowH - box) * 0.5f), box);
        float ty = y + (rowH - textH) * 0.5f;
        ty += ui::wrappedText(ctx, ctx.fonts.body, consent, ImVec2(left + box + ctx.px(20), ty),
                              textW, theme::kText);
        if (!notice.empty()) {
            ui::wrappedText(ctx, ctx.fonts.small, notice,
                            ImVec2(left + box + ctx.px(20), ty + ctx.px(6)), textW,
                            theme::kTextMuted);
        }
        ctx.hits.add(Hit{consent_ ? "consent:on" : "consent:off", ImVec2(left, y),
                         ImVec2(left + inner, y + rowH), true});
        return y + rowH + ctx.px(16);
    }

    // The consent box at bMin, `box` wide: amber with a tick when given, white when not.
    void drawCheckBox(AppContext& ctx, ImVec2 bMin, float box) const {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(bMin, ImVec2(bMin.x + box, bMin.y + box),
                          consent_ ? theme::kAccent : theme::kText, ctx.px(10));
        if (consent_) {
            const ImVec2 pts[3] = {ImVec2(bMin.x + box * 0.22f, bMin.y + box * 0.52f),
                                   ImVec2(bMin.x + box * 0.42f, bMin.y + box * 0.72f),
                                   ImVec2(bMin.x + box * 0.78f, bMin.y + box * 0.30f)};
            dl->AddPolyline(pts, 3, theme::kOnAccent, 0, ctx.px(5));
        }
    }

    // The problem line (local checks first, then what the desk said) and the submit button.
    void drawProblemAndSubmit(AppContext& ctx, const Layout& at, float y) {
        const float left = at.left;
        const float inner = at.inner;
        std::string problem = localProblem_;
        if (problem.empty() && ctx.session && !ctx.session->walkInProblem().empty())
            problem = ctx.session->walkInProblem();
        const bool pending = ctx.session && ctx.session->walkInPending();
        const float bh = ctx.px(84);
        const float by = at.cardMax.y - ctx.px(32) - bh;
        if (!problem.empty()) {
            ui::wrappedText(ctx, ctx.fonts.bodyBold, ctx.tr(problem),
                            ImVec2(left, std::min(y, by - ctx.px(44))), inner, theme::kAccent);
        }
        const std::string& submit = ctx.tr(pending ? "walk_in.saving" : "walk_in.submit");
        const float bw = std::min(
            inner, std::max(ctx.px(420), ui::textWidth(ctx.fonts.button, submit) + ctx.px(96)));
        if (ui::button(ctx, "submit", submit, ImVec2(left + inner - bw, by), ImVec2(bw, bh),
                       ui::ButtonStyle::Primary, ctx.fonts.button) &&
            !pending) {
            localProblem_ = validate();
            if (localProblem_.empty() && ctx.session) {
                ctx.session->submitWalkIn(WalkInForm{name_, email_, pronouns_, consent_});
            }
        }
    }

    static void label(AppContext& ctx, const char* key, ImVec2 pos, float width) {
        ui::wrappedText(ctx, ctx.fonts.small, ctx.tr(key), pos, width, theme::kTextMuted);
    }

    // The walk-in rules of core (core/checkin/walk_in.hpp); the desk checks them again, with
    // whether the e-mail is taken.
    std::string validate() const {
        return validateWalkIn(WalkInForm{name_, email_, pronouns_, consent_}).value_or("");
    }

    void reset() {
        keyboard_.reset();
        target_ = Field::Name;
        name_.clear();
        email_.clear();
        pronouns_.clear();
        consent_ = false;
        localProblem_.clear();
        focusName_ = true;
    }

    ui::OnScreenKeyboard keyboard_;
    Field target_ = Field::Name;
    std::string name_, email_, pronouns_, localProblem_;
    bool consent_ = false;
    bool focusName_ = true;
};

}  // namespace

std::unique_ptr<Screen> makeWalkInScreen() {
    return std::make_unique<WalkInScreen>();
}

}  // namespace oh::kiosk
