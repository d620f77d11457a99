#include "kiosk/app.hpp"

#include <imgui.h>
#include <spdlog/spdlog.h>

#include <utility>

#include "kiosk/session.hpp"
#include "kiosk/ui/theme.hpp"

namespace oh::kiosk {

App::App(AppContext context, AppSettings settings)
    : ctx_(std::move(context)), settings_(std::move(settings)) {}

void App::addScreen(std::unique_ptr<Screen> screen) {
    screens_.push_back(std::move(screen));
    if (!current_) {
        current_ = screens_.back().get();
        current_->onEnter(ctx_);
    }
}

const Screen* App::find(std::string_view id) const {
    for (const auto& s : screens_) {
        if (id == s->id()) return s.get();
    }
    return nullptr;
}

bool App::go(std::string_view id) {
    Screen* next = nullptr;
    for (auto& s : screens_) {
        if (id == s->id()) next = s.get();
    }
    if (!next) {
        spdlog::warn("kiosk: no screen '{}' (still on '{}')", id, currentId());
        return false;
    }
    if (next == current_) return true;
    if (current_) current_->onLeave(ctx_);
    spdlog::debug("kiosk: screen {} -> {}", currentId(), id);
    current_ = next;
    current_->onEnter(ctx_);
    return true;
}

void App::setMode(std::string_view mode) {
    ctx_.mode = std::string(mode);
    settings_.attractScreen = startScreenOf(mode);
    spdlog::info("kiosk: mode {}", ctx_.mode);
    go(settings_.attractScreen);
}

void App::noteActivity(Clock::time_point now) {
    lastActivity_ = now;
}

std::optional<std::chrono::milliseconds> App::timeoutFor(const Screen& screen) const {
    if (auto own = screen.idleTimeout()) return own;
    if (screen.isAttract() || settings_.attractScreen == screen.id()) return std::nullopt;
    return screen.showsPersonalData() ? settings_.personalDataTimeout : settings_.idleTimeout;
}

std::optional<Clock::time_point> App::nextDeadline() const {
    if (!current_) return std::nullopt;
    auto timeout = timeoutFor(*current_);
    if (!timeout) return std::nullopt;
    return lastActivity_ + *timeout;
}

bool App::checkIdle(Clock::time_point now) {
    auto deadline = nextDeadline();
    if (!deadline || now < *deadline) return false;
    spdlog::info("kiosk: idle on '{}', back to '{}'", currentId(), settings_.attractScreen);
    ctx_.strings.setLanguage(settings_.defaultLanguage);  // the next attendee starts fresh
    lastActivity_ = now;
    return go(settings_.attractScreen);
}

void App::drawBackground(float width, float height) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilledMultiColor(ImVec2(0, 0), ImVec2(width, height), theme::kBackgroundTop,
                                theme::kBackgroundTop, theme::kBackgroundBottom,
                                theme::kBackgroundBottom);
}

bool App::drawFrame(float width, float height, double time) {
    ctx_.width = width;
    ctx_.height = height;
    ctx_.time = time;
    ctx_.hits.clear();
    ctx_.requestedScreen.clear();
    ctx_.currentScreen = currentId();
    if (ctx_.session) ctx_.session->pump(ctx_);

    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(width, height));
    constexpr ImGuiWindowFlags kFlags =
        ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
        ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse |
        ImGuiWindowFlags_NoBackground;
    // The window id is per screen so widget state never leaks from one screen to the next.
    ImGui::Begin(current_ ? current_->id() : "empty", nullptr, kFlags);
    drawBackground(width, height);
    if (current_) current_->drawContent(ctx_);
    ImGui::End();

    lastHits_ = ctx_.hits;
    if (!ctx_.requestedMode.empty()) {
        const std::string before(currentId());
        setMode(std::exchange(ctx_.requestedMode, {}));
        ctx_.requestedScreen.clear();
        return before != currentId();
    }
    if (ctx_.requestedScreen.empty()) return false;
    std::string target = std::move(ctx_.requestedScreen);
    ctx_.requestedScreen.clear();
    const std::string before(currentId());
    return go(target) && before != currentId();
}

}  // namespace oh::kiosk
