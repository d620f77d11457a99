#include "kiosk/scenario.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/files/private_dir.hpp"

namespace oh::kiosk {

namespace {

using Kind = ScenarioStep::Kind;

struct StepSpec {
    const char* name;
    Kind kind;
    const char* usage;
};

constexpr StepSpec kSteps[] = {
    {"tap", Kind::Tap, "tap X Y"},
    {"tap-text", Kind::TapText, "tap-text \"label\""},
    {"type", Kind::Type, "type \"text\""},
    {"key", Kind::Key, "key NAME"},
    {"wait", Kind::Wait, "wait MILLISECONDS"},
    {"screenshot", Kind::Screenshot, "screenshot NAME"},
    {"expect-screen", Kind::ExpectScreen, "expect-screen SCREEN_ID"},
    {"expect-text", Kind::ExpectText, "expect-text \"label\""},
    {"camera", Kind::Camera, "camera PATH"},
    {"scan", Kind::Scan, "scan \"CODE\""},
    {"wait-screen", Kind::WaitScreen, "wait-screen SCREEN_ID"},
    {"wait-text", Kind::WaitText, "wait-text \"label\""},
    {"wait-exit", Kind::WaitExit, "wait-exit"},
};

// Splits a line into words; "double quoted" words may hold spaces and \" \\ \n escapes.
std::vector<std::string> tokenize(std::string_view line, const std::string& source, int lineNo) {
    std::vector<std::string> words;
    size_t i = 0;
    while (i < line.size()) {
        if (line[i] == ' ' || line[i] == '\t' || line[i] == '\r') {
            ++i;
        } else if (line[i] == '#') {
            break;
        } else if (line[i] == '"') {
            std::string word;
            ++i;
            bool closed = false;
            while (i < line.size()) {
                char c = line[i++];
                if (c == '"') {
                    closed = true;
                    break;
                }
                if (c == '\\' && i < line.size()) {
                    char e = line[i++];
                    word += e == 'n' ? '\n' : e;
                } else {
                    word += c;
                }
            }
            if (!closed) throw ScenarioError(source, lineNo, "unterminated quoted string");
            words.push_back(std::move(word));
        } else {
            size_t end = line.find_first_of(" \t\r", i);
            if (end == std::string_view::npos) end = line.size();
            words.emplace_back(line.substr(i, end - i));
            i = end;
        }
    }
    return words;
}

int parseInt(const std::string& word, const char* what, const std::string& source, int lineNo,
             int min) {
    int value = 0;
    auto [ptr, ec] = std::from_chars(word.data(), word.data() + word.size(), value);
    if (ec != std::errc() || ptr != word.data() + word.size() || value < min) {
        throw ScenarioError(source, lineNo,
                            std::string(what) + " must be a whole number >= " +
                                std::to_string(min) + ", got '" + word + "'");
    }
    return value;
}

SDL_Keycode parseKey(const std::string& name, const std::string& source, int lineNo) {
    static const std::pair<const char*, const char*> kAliases[] = {
        {"Enter", "Return"}, {"Esc", "Escape"}, {"Del", "Delete"}, {"Space", "Space"}};
    std::string sdlName = name;
    for (const auto& [alias, real] : kAliases) {
        if (SDL_strcasecmp(alias, name.c_str()) == 0) sdlName = real;
    }
    SDL_Keycode key = SDL_GetKeyFromName(sdlName.c_str());
    if (key == SDLK_UNKNOWN) throw ScenarioError(source, lineNo, "unknown key '" + name + "'");
    return key;
}

bool validName(const std::string& name) {
    if (name.empty()) return false;
    for (char c : name) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
            return false;
    }
    return name.front() != '.';
}

ScenarioStep parseStep(const std::vector<std::string>& words, const std::string& source,
                       int lineNo) {
    const StepSpec* spec = nullptr;
    for (const auto& s : kSteps) {
        if (words[0] == s.name) spec = &s;
    }
    if (!spec) {
        std::string known;
        for (const auto& s : kSteps) known += std::string(known.empty() ? "" : ", ") + s.name;
        throw ScenarioError(source, lineNo,
                            "unknown step '" + words[0] + "' (steps: " + known + ")");
    }
    const size_t wantArgs = spec->kind == Kind::Tap ? 2 : spec->kind == Kind::WaitExit ? 0 : 1;
    if (words.size() - 1 != wantArgs) {
        throw ScenarioError(source, lineNo,
                            "'" + words[0] + "' takes " + std::to_string(wantArgs) + " argument" +
                                (wantArgs != 1 ? "s" : "") + ": " + spec->usage);
    }
    ScenarioStep step;
    step.kind = spec->kind;
    step.line = lineNo;
    if (wantArgs > 0) step.text = words[1];
    switch (spec->kind) {
        case Kind::Tap:
            step.x = parseInt(words[1], "x", source, lineNo, 0);
            step.y = parseInt(words[2], "y", source, lineNo, 0);
            break;
        case Kind::Wait:
            step.ms = parseInt(words[1], "wait time", source, lineNo, 0);
            break;
        case Kind::Key:
            step.key = parseKey(words[1], source, lineNo);
            break;
        case Kind::Screenshot:
            if (!validName(words[1])) {
                throw ScenarioError(source, lineNo,
                                    "screenshot name '" + words[1] +
                                        "' may only use letters, digits, '-', '_' and '.'");
            }
            break;
        case Kind::WaitExit:
            break;
        default:
            if (words[1].empty())
                throw ScenarioError(source, lineNo,
                                    "'" + words[0] + "' needs a non-empty argument");
            break;
    }
    return step;
}

}  // namespace

ScenarioError::ScenarioError(const std::string& source, int line, const std::string& message)
    : std::runtime_error(source + ":" + std::to_string(line) + ": " + message), line_(line) {}

const char* stepName(ScenarioStep::Kind kind) {
    for (const auto& s : kSteps) {
        if (s.kind == kind) return s.name;
    }
    return "?";
}

Scenario parseScenario(std::string_view text, std::string source) {
    Scenario scenario;
    scenario.source = source;
    int lineNo = 0;
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        ++lineNo;
        auto words = tokenize(text.substr(pos, end - pos), source, lineNo);
        if (!words.empty()) scenario.steps.push_back(parseStep(words, source, lineNo));
        pos = end + 1;
    }
    return scenario;
}

// "${NAME}" -> the environment variable (camera paths and scanned codes of demo scripts).
std::string expandEnv(const std::string& text, const std::string& source, int line) {
    std::string out;
    size_t i = 0;
    while (i < text.size()) {
        if (text.compare(i, 2, "${") == 0) {
            const size_t close = text.find('}', i + 2);
            if (close == std::string::npos)
                throw ScenarioError(source, line, "unterminated ${ in '" + text + "'");
            const std::string name = text.substr(i + 2, close - i - 2);
            const char* value = std::getenv(name.c_str());
            if (!value || !*value)
                throw ScenarioError(source, line, "environment variable " + name + " is not set");
            std::string v = value;  // values cut from CSV files may end in \r
            while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.pop_back();
            out += v;
            i = close + 1;
        } else {
            out += text[i++];
        }
    }
    return out;
}

Scenario loadScenario(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) throw ScenarioError(path.string(), 0, "cannot open scenario");
    std::ostringstream buf;
    buf << in.rdbuf();
    Scenario scenario = parseScenario(buf.str(), path.string());
    for (auto& step : scenario.steps) {
        if (step.kind == Kind::Camera || step.kind == Kind::Scan)
            step.text = expandEnv(step.text, path.string(), step.line);
        if (step.kind == Kind::Camera && std::filesystem::path(step.text).is_relative()) {
            step.text = (path.parent_path() / step.text).lexically_normal().string();
        }
    }
    return scenario;
}

ScenarioRunner::ScenarioRunner(Scenario scenario, std::filesystem::path screenshotDir)
    : scenario_(std::move(scenario)), screenshotDir_(std::move(screenshotDir)) {}

std::optional<Clock::time_point> ScenarioRunner::deadline() const {
    if (finished()) return std::nullopt;
    if (phase_ == Phase::AwaitTime || phase_ == Phase::Poll) return waitUntil_;
    return stepStarted_ + stepTimeout;  // so a stuck step is noticed while the loop sleeps
}

void ScenarioRunner::fail(const std::string& message) {
    const int line = next_ < scenario_.steps.size() ? step().line : 0;
    failure_ = scenario_.source + ":" + std::to_string(line) + ": " + message;
    spdlog::error("scenario: {}", failure_);
}

void ScenarioRunner::complete() {
    ++next_;
    phase_ = Phase::Start;
}

void ScenarioRunner::waitFrames(MainLoop& loop, int frames) {
    loop.requestFrames(frames);
    frameTarget_ = loop.stats().frames + static_cast<std::uint64_t>(frames);
    phase_ = Phase::AwaitFrames;
}

bool ScenarioRunner::ready(MainLoop& loop) const {
    return loop.stats().frames >= frameTarget_ && loop.settled();
}

void ScenarioRunner::poll(MainLoop& loop) {
    while (!finished() && !loop.quitRequested()) {
        if (phase_ == Phase::Start) stepStarted_ = Clock::now();
        if (Clock::now() - stepStarted_ > stepTimeout) {
            fail(std::string("step '") + stepName(step().kind) + "' did not complete in " +
                 std::to_string(stepTimeout.count()) + " ms");
            break;
        }
        if (!runStep(loop)) {
            if (failed()) break;
            return;  // waiting for frames, time or a capture
        }
        complete();
    }
    if (finished() && !loop.quitRequested()) {
        if (!failed())
            spdlog::info("scenario: {} finished, {} screenshot(s)", scenario_.source,
                         screenshots_.size());
        loop.requestQuit(failed() ? 1 : 0);
    }
}

bool ScenarioRunner::runStep(MainLoop& loop) {
    if (auto done = continueWaiting(loop)) return *done;
    return startStep(loop, step());
}

std::optional<bool> ScenarioRunner::continueWaiting(MainLoop& loop) {
    // Every step first waits for the screen to settle after the previous one.
    if (phase_ == Phase::Start) {
        waitFrames(loop, 1);
        return false;
    }
    if (phase_ == Phase::AwaitFrames && !ready(loop)) return false;
    if (phase_ == Phase::AwaitTime) return Clock::now() >= waitUntil_;
    if (phase_ == Phase::Poll) {
        if (Clock::now() < waitUntil_) return false;
        waitFrames(loop, 1);  // check again on a fresh, settled frame
        return false;
    }
    if (phase_ == Phase::AwaitCapture) return false;
    if (phase_ == Phase::KeyRelease) {
        if (loop.stats().frames < frameTarget_) return false;
        pushKeyEvent(step().key, false);  // the next step's settle wait covers the release frames
        return true;
    }
    return std::nullopt;  // settled: the step may act
}

bool ScenarioRunner::startStep(MainLoop& loop, const ScenarioStep& s) {
    switch (s.kind) {
        case Kind::Tap:
            pushTap(static_cast<float>(s.x), static_cast<float>(s.y));
            return true;
        case Kind::TapText:
            return tapText(loop, s.text);
        case Kind::Type:
            pushText(s.text);
            return true;
        case Kind::Key:
            return pressKey(loop, s.key);
        case Kind::Wait:
            waitUntil_ = Clock::now() + std::chrono::milliseconds(s.ms);
            phase_ = Phase::AwaitTime;
            return s.ms == 0;
        case Kind::Screenshot:
            // A fresh frame: the back buffer of a presented frame is undefined.
            loop.requestFrames(1);
            phase_ = Phase::AwaitCapture;
            return false;
        case Kind::ExpectScreen:
            return expectScreen(loop, s.text);
        case Kind::ExpectText:
            return expectText(loop, s.text);
        case Kind::Camera:
            return replayCamera(loop, s.text);
        case Kind::Scan:
            return scanLikeAWedge(s.text);
        case Kind::WaitScreen:
            return loop.app().currentId() == s.text || pollAgainSoon();
        case Kind::WaitText:
            return loop.app().lastFrameHits().find(s.text) || pollAgainSoon();
        case Kind::WaitExit:
            return loop.app().context().quitRequested || pollAgainSoon();
    }
    return true;
}

bool ScenarioRunner::tapText(MainLoop& loop, const std::string& label) {
    const auto& hits = loop.app().lastFrameHits();
    auto hit = hits.find(label, true);
    if (!hit) {
        std::string seen;
        for (const auto& h : hits.all()) {
            if (h.clickable) seen += (seen.empty() ? "\"" : ", \"") + h.label + "\"";
        }
        fail("no button labelled \"" + label + "\" on screen '" +
             std::string(loop.app().currentId()) + "' (buttons: " + seen + ")");
        return false;
    }
    pushTap(hit->center().x, hit->center().y);
    return true;
}

bool ScenarioRunner::pressKey(MainLoop& loop, SDL_Keycode key) {
    pushKeyEvent(key, true);
    // ImGui 1.86 reads key state per frame: the key must be seen down in one frame.
    waitFrames(loop, 1);
    phase_ = Phase::KeyRelease;
    return false;
}

bool ScenarioRunner::expectScreen(MainLoop& loop, const std::string& id) {
    if (loop.app().currentId() != id) {
        fail("expected screen '" + id + "' but '" + std::string(loop.app().currentId()) +
             "' is showing");
    }
    return !failed();
}

bool ScenarioRunner::expectText(MainLoop& loop, const std::string& label) {
    if (!loop.app().lastFrameHits().find(label)) {
        fail("\"" + label + "\" is not on screen '" + std::string(loop.app().currentId()) + "'");
    }
    return !failed();
}

bool ScenarioRunner::replayCamera(MainLoop& loop, const std::string& path) {
    loop.app().context().model.cameraPath = path;
    ++loop.app().context().model.cameraGeneration;  // the same path again replays it
    loop.requestFrames(1);
    return true;
}

bool ScenarioRunner::scanLikeAWedge(const std::string& code) {
    pushText(code);
    pushKeyEvent(SDLK_RETURN, true);
    pushKeyEvent(SDLK_RETURN, false);
    return true;
}

bool ScenarioRunner::pollAgainSoon() {
    waitUntil_ = Clock::now() + std::chrono::milliseconds(20);
    phase_ = Phase::Poll;
    return false;
}

void ScenarioRunner::afterRender(MainLoop& loop) {
    if (finished() || phase_ != Phase::AwaitCapture) return;
    const auto path = screenshotDir_ / (step().text + ".png");
    try {
        // Screens show walk-ins' names and e-mails: the folder is 0700, each file 0600.
        std::string error;
        if (!makePrivateDirectory(screenshotDir_.string(), true, &error))
            throw std::runtime_error("screenshots: " + error);
        writePng(loop.platform().capture(), path);
        screenshots_.push_back(path);
        spdlog::info("scenario: screenshot {}", path.string());
        complete();
    } catch (const std::exception& e) {
        fail(e.what());
    }
}

void ScenarioRunner::pushTap(float x, float y) {
    // A finger: SDL reports touches as mouse events with which == SDL_TOUCH_MOUSEID.
    SDL_Event e{};
    e.type = SDL_MOUSEMOTION;
    e.motion.which = SDL_TOUCH_MOUSEID;
    e.motion.x = static_cast<Sint32>(x);
    e.motion.y = static_cast<Sint32>(y);
    SDL_PushEvent(&e);
    for (Uint32 type : {SDL_MOUSEBUTTONDOWN, SDL_MOUSEBUTTONUP}) {
        SDL_Event b{};
        b.type = type;
        b.button.which = SDL_TOUCH_MOUSEID;
        b.button.button = SDL_BUTTON_LEFT;
        b.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
        b.button.clicks = 1;
        b.button.x = static_cast<Sint32>(x);
        b.button.y = static_cast<Sint32>(y);
        SDL_PushEvent(&b);
    }
}

void ScenarioRunner::pushText(const std::string& text) {
    // SDL_TEXTINPUT carries at most 31 bytes; split on UTF-8 boundaries.
    size_t i = 0;
    while (i < text.size()) {
        size_t n = std::min<size_t>(SDL_TEXTINPUTEVENT_TEXT_SIZE - 1, text.size() - i);
        while (n > 0 && i + n < text.size() &&
               (static_cast<unsigned char>(text[i + n]) & 0xC0) == 0x80)
            --n;
        SDL_Event e{};
        e.type = SDL_TEXTINPUT;
        std::memcpy(e.text.text, text.data() + i, n);
        SDL_PushEvent(&e);
        i += n;
    }
}

void pushKeyEvent(SDL_Keycode key, bool down) {
    SDL_Event e{};
    e.type = down ? SDL_KEYDOWN : SDL_KEYUP;
    e.key.state = down ? SDL_PRESSED : SDL_RELEASED;
    e.key.keysym.sym = key;
    e.key.keysym.scancode = SDL_GetScancodeFromKey(key);
    SDL_PushEvent(&e);
}

}  // namespace oh::kiosk
