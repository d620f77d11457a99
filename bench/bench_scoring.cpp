// The scoring tablet's frame build: ImGui NewFrame .. Render CPU time (thread CPU, no GPU
// work) of the scoring board and of a demo's score sheet, headless at the tablet's 1280x800
// and at 1920x1080, with 200 demos, 40 judges and 2,000 scores in the store (the judging
// floor of a large event). Baseline in the same run: the door's attract screen, the same
// kiosk and loop (the ratio says what the scoring screens cost on top of an idle frame).
//
//   cmake --build build/release --target bench_scoring
//   build/release/bench/bench_scoring [dir=/tmp/openhouse-bench-scoring]
#include <imgui.h>
#include <spdlog/spdlog.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "core/judging/scoring.hpp"
#include "core/model/ids.hpp"
#include "core/store/store.hpp"
#include "kiosk/kiosk.hpp"
#include "kiosk/screen_ids.hpp"

using namespace oh;
using namespace oh::kiosk;

namespace {

double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double pct(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<size_t>(p / 100.0 * double(v.size())))];
}

struct Floor {
    std::string path, judge, demo;
};

// 200 demos by 200 interns in 20 teams, 40 judges, 2,000 scores (ten per demo on average),
// the demos in ten-minute slots around now.
Floor makeFloor(const std::string& dir) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    Floor f{dir + "/kiosk-1.db", {}, {}};
    Store store = Store::open(f.path);
    const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
    Event e{Uuid::v7().str(), "Bench Day", "HQ", "UTC", now - 8 * 3600, now + 8 * 3600, 20};
    store.saveEvent(e);
    store.setMeta("event_id", e.id);
    std::vector<std::string> judges, demos;
    for (int j = 0; j < 40; ++j) {
        Attendee a;
        a.eventId = e.id;
        a.fullName = "Judge " + std::to_string(j);
        a.email = "judge" + std::to_string(j) + "@example.org";
        a.role = Role::Staff;
        store.upsertAttendee(a);
        judges.push_back(a.id);
    }
    for (int d = 0; d < 200; ++d) {
        Attendee a;
        a.eventId = e.id;
        a.fullName = "Intern " + std::to_string(d);
        a.email = "intern" + std::to_string(d) + "@example.org";
        a.team = "Team " + std::to_string(d % 20);
        store.upsertAttendee(a);
        Showcase s;
        s.id = Uuid::v7().str();
        s.eventId = e.id;
        s.internId = a.id;
        s.title = "Demo number " + std::to_string(d);
        s.location = "Room " + std::to_string(d % 12);
        s.slotStart = now - 6 * 3600 + d * 120;
        s.slotEnd = s.slotStart + 600;
        store.upsertShowcase(s);
        demos.push_back(s.id);
    }
    std::mt19937 rng(7);
    for (int i = 0; i < 2000; ++i) {
        Score s;
        s.eventId = e.id;
        s.judgeId = judges[rng() % judges.size()];
        s.showcaseId = demos[rng() % demos.size()];
        s.total = double(rng() % 101);
        store.recordScore(s);
    }
    f.judge = judges.front();
    f.demo = demos[100];
    return f;
}

void frameBuild(Kiosk& kiosk, const char* screen, int frames) {
    kiosk.app().go(screen);
    Platform& p = kiosk.platform();
    std::vector<double> cpu;
    for (int i = 0; i < frames; ++i) {
        const double t0 = threadCpuMs();
        p.beginFrame([](ImGuiIO&) {});
        kiosk.app().drawFrame(float(p.width()), float(p.height()), i / 60.0);
        ImGui::Render();  // builds the draw lists; no GPU submission
        if (i >= 10) cpu.push_back(threadCpuMs() - t0);
        if (i == 5) kiosk.session().desk()->drain();  // the board or sheet has arrived
    }
    std::printf("  %-14s CPU p50 %5.3f ms  p99 %5.3f ms  (%zu widgets, on '%s')\n", screen,
                pct(cpu, 50), pct(cpu, 99), kiosk.app().lastFrameHits().all().size(),
                std::string(kiosk.app().currentId()).c_str());
}

void atSize(const Floor& f, const std::string& dir, int width, int height) {
    KioskOptions o;
    o.headless = true;
    o.width = width;
    o.height = height;
    o.storePath = f.path;
    o.spoolDir = dir + "/spool";
    Kiosk kiosk(o);
    std::printf("%dx%d (target: scoring frames <= 2 ms):\n", width, height);
    frameBuild(kiosk, screen_id::attract, 300);  // the baseline
    auto judge = Store::open(f.path).attendee(f.judge);
    kiosk.session().floor().unlock(*judge);
    kiosk.session().desk()->drain();
    frameBuild(kiosk, screen_id::scoringBoard, 300);
    kiosk.session().floor().openSheet(f.demo);
    kiosk.session().desk()->drain();
    frameBuild(kiosk, screen_id::scoringSheet, 300);
}

}  // namespace

int main(int argc, char** argv) {
    const std::string dir = argc > 1 ? argv[1] : "/tmp/openhouse-bench-scoring";
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    spdlog::set_level(spdlog::level::warn);
    Floor f = makeFloor(dir);
    std::puts(
        "UI frame build (ImGui NewFrame..Render, thread CPU, no GPU); 200 demos, 40 judges,"
        " 2,000 scores; baseline: the attract screen");
    atSize(f, dir, 1280, 800);
    atSize(f, dir, 1920, 1080);
    return 0;
}
