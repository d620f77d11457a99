// Showcase and dashboard benchmarks (they link the kiosk library).
//
//   cmake --build build/release --target bench_dashboard
//   build/release/bench/bench_dashboard [dir=/tmp/openhouse-bench-dashboard]
//
// An event of 5,000 attendees (1,250 interns), 200 demos in 8 rooms, 2,000 judges' scores
// (10 judges) and 3,000 check-ins.
// 1. The dashboard's figures rebuilt from the store (what happens once per store change),
//    against the baseline of reading the same rows alone (Store::attendees + scores +
//    showcases) in the same run.
// 2. Dashboard frame build (ImGui NewFrame..Render, thread CPU, no GPU) on each tab with the
//    figures cached, against the attract screen's frame in the same run. Target <= 4 ms.
// 3. Idle CPU of the whole process on the showcase screen for 10 s headless, against the
//    attract screen's in the same run. Target <= 2 % of one core.
#include <imgui.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "core/dashboard/dashboard.hpp"
#include "core/db/sqlite.hpp"
#include "core/judging/scoring.hpp"
#include "core/model/ids.hpp"
#include "core/store/store.hpp"
#include "kiosk/kiosk.hpp"
#include "kiosk/session.hpp"

using namespace oh;
using namespace oh::kiosk;
using SteadyClock = std::chrono::steady_clock;

namespace {

double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double processCpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double pct(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p / 100.0 * (v.size() - 1) + 0.5))];
}

struct Event5k {
    std::string path;
    std::string eventId;
};

Event5k makeEvent(const std::string& dir) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    Event5k e{dir + "/kiosk.db", Uuid::v7().str()};
    Store store = Store::open(e.path);
    const std::int64_t now = nowSeconds();
    store.saveEvent(
        Event{e.eventId, "Bench Demo Day", "Hall 1", "UTC", now - 4 * 3600, now + 4 * 3600, 40});
    store.setMeta("device_name", "bench");
    store.setMeta("event_id", e.eventId);
    sql::Transaction tx(store.db());
    std::vector<std::string> interns, judges;
    for (int i = 0; i < 5000; ++i) {
        Attendee a;
        a.eventId = e.eventId;
        a.fullName = "Person " + std::to_string(i);
        a.email = "p" + std::to_string(i) + "@example.org";
        a.role = i < 10 ? Role::Staff : i % 4 ? Role::Guest : Role::Intern;
        a.cohort = "Cohort " + std::to_string(i % 5);
        a.team = "Team " + std::to_string(i % 200);
        store.upsertAttendee(a);
        (a.role == Role::Staff ? judges : interns).push_back(a.id);
        if (i < 3000) store.recordCheckIn(e.eventId, a.id, "qr", (now - 4 * 3600 + i * 4) * 1000);
    }
    std::vector<std::string> demos;
    for (int d = 0; d < 200; ++d) {
        Showcase s;
        s.id = Uuid::v7().str();
        s.eventId = e.eventId;
        s.internId = interns[static_cast<std::size_t>(d)];
        s.title = "Demo " + std::to_string(d);
        s.location = "Room " + std::to_string(d % 8);
        s.slotStart = now - 3 * 3600 + (d / 8) * 600;
        s.slotEnd = s.slotStart + 600;
        s.metricName = "tickets";
        s.metricChange = "-" + std::to_string(d % 30) + "%";
        store.upsertShowcase(s);
        demos.push_back(s.id);
    }
    std::mt19937 rng(3);
    for (const auto& demo : demos)
        for (const auto& judge : judges) {
            ScoreSheet sheet;
            for (const auto& c : defaultRubric().criteria) sheet.levels[c.key] = 1 + rng() % 5;
            sheet.recommendation = Recommendation::Yes;
            submitScore(store, defaultRubric(), e.eventId, judge, demo, sheet, nowMillis());
        }
    tx.commit();
    return e;
}

void figures(const Event5k& e) {
    Store store = Store::open(e.path);
    std::vector<double> base, build;
    for (int i = 0; i < 10; ++i) {
        auto t0 = SteadyClock::now();
        auto people = store.attendees(e.eventId);
        auto scores = store.scores(e.eventId);
        auto demos = store.showcases(e.eventId);
        base.push_back(std::chrono::duration<double, std::milli>(SteadyClock::now() - t0).count());
        t0 = SteadyClock::now();
        DashboardData d = buildDashboard(store, e.eventId, ConversionRules{}, nowMillis());
        build.push_back(std::chrono::duration<double, std::milli>(SteadyClock::now() - t0).count());
        if (i == 0)
            std::printf(
                "  %zu decisions, %zu coverage rows, %zu judges, %zu quarters; "
                "funnel %d > %d > %d > %d\n",
                d.decisions.size(), d.coverage.size(), d.judges.size(), d.checkIns.size(),
                d.funnel.registered, d.funnel.checkedIn, d.funnel.demoed, d.funnel.scoredToQuorum);
        (void)people, (void)scores, (void)demos;
    }
    std::printf(
        "  rebuild (once per store change): p50 %.1f ms; reading the rows alone p50 %.1f "
        "ms; ratio %.1f\n",
        pct(build, 50), pct(base, 50), pct(build, 50) / pct(base, 50));
}

// CPU of one frame's build (thread CPU); `tab` is tapped first when given.
std::vector<double> frames(Kiosk& kiosk, const std::string& tab, int n) {
    Platform& p = kiosk.platform();
    std::vector<double> cpu;
    for (int i = 0; i < n; ++i) {
        const double t0 = threadCpuMs();
        p.beginFrame([&](ImGuiIO& io) {
            auto hit = kiosk.app().lastFrameHits().find(tab, true);
            if (!tab.empty() && hit && i < 4) {
                io.MousePos = hit->center();
                io.MouseDown[0] = i == 2;
            }
        });
        kiosk.app().drawFrame(static_cast<float>(p.width()), static_cast<float>(p.height()),
                              i / 60.0);
        ImGui::Render();
        if (i >= 10) cpu.push_back(threadCpuMs() - t0);
    }
    return cpu;
}

double idleCpu(Kiosk& kiosk, const char* screen) {
    kiosk.app().go(screen);
    kiosk.loop().runFor(std::chrono::milliseconds(2000));  // settle
    const double c0 = processCpuSeconds();
    const auto w0 = SteadyClock::now();
    kiosk.loop().runFor(std::chrono::seconds(10));
    return 100.0 * (processCpuSeconds() - c0) /
           std::chrono::duration<double>(SteadyClock::now() - w0).count();
}

}  // namespace

int main(int argc, char** argv) {
    const std::string dir = argc > 1 ? argv[1] : "/tmp/openhouse-bench-dashboard";
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    spdlog::set_level(spdlog::level::warn);
    const auto t0 = SteadyClock::now();
    const Event5k e = makeEvent(dir);
    std::printf(
        "event written in %.1f s: 5,000 attendees, 200 demos, 2,000 scores, 3,000 "
        "check-ins\n\n",
        std::chrono::duration<double>(SteadyClock::now() - t0).count());
    std::puts("dashboard figures from the store:");
    figures(e);

    KioskOptions o;
    o.headless = true;
    o.width = 1920;
    o.height = 1080;
    o.storePath = e.path;
    o.spoolDir = dir + "/spool";
    Kiosk kiosk(o);
    const auto attract = frames(kiosk, "", 200);
    kiosk.app().go("dashboard");
    for (int i = 0; i < 500 && !kiosk.session().watch()->dashboard(); ++i)
        kiosk.loop().runFor(std::chrono::milliseconds(20));
    std::puts("\nframe build, 1920x1080 (ImGui NewFrame..Render, thread CPU, figures cached):");
    std::printf("  attract (baseline)  p50 %.3f ms  p99 %.3f ms\n", pct(attract, 50),
                pct(attract, 99));
    std::printf("  (screen: %s)\n", std::string(kiosk.app().currentId()).c_str());
    for (const char* tab : {"Overview", "Decisions", "Devices", "Actions"}) {
        frames(kiosk, tab, 6);  // select the tab
        const auto cpu = frames(kiosk, "", 200);
        std::printf(
            "  dashboard %-9s p50 %.3f ms  p99 %.3f ms  (ratio p99 %.1f; target <= 4 ms; "
            "%d vertices, %zu widgets)\n",
            tab, pct(cpu, 50), pct(cpu, 99), pct(cpu, 99) / pct(attract, 99),
            ImGui::GetDrawData()->TotalVtxCount, kiosk.app().lastFrameHits().all().size());
    }
    std::puts("\nidle CPU, whole process, headless, 10 s:");
    const double base = idleCpu(kiosk, "attract");
    const double showcase = idleCpu(kiosk, "showcase");
    std::printf("  attract (baseline) %.2f %%; showcase %.2f %% of one core (target <= 2 %%)\n",
                base, showcase);
    return 0;
}
