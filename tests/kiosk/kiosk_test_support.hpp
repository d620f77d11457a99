// Helpers for the headless kiosk tests: a kiosk at a given size, scripted runs, pixel checks.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "kiosk/kiosk.hpp"
#include "kiosk/scenario.hpp"

namespace oh::kiosk::testing {

// How long a test waits for a condition before it fails: generous, CI machines are busy.
inline constexpr std::chrono::milliseconds kWaitLimit{30'000};

// Waits for state a worker announces through its `wake` callback (the one the UI loop gets):
// hand `callback()` to the worker, then waitFor() re-checks the condition on every wake. The
// signal must outlive the worker.
class WakeSignal {
  public:
    std::function<void()> callback() {
        return [this] {
            {
                std::lock_guard lock(mutex_);
                ++wakes_;
            }
            woken_.notify_all();
        };
    }

    template <typename Pred>
    bool waitFor(Pred done, std::chrono::milliseconds limit = kWaitLimit) {
        const auto giveUp = std::chrono::steady_clock::now() + limit;
        for (;;) {
            std::uint64_t seen;
            {
                std::lock_guard lock(mutex_);
                seen = wakes_;
            }
            if (done()) return true;  // checked outside the lock: it may call into the worker
            std::unique_lock lock(mutex_);
            if (!woken_.wait_until(lock, giveUp, [&] { return wakes_ != seen; })) return done();
        }
    }

  private:
    std::mutex mutex_;
    std::condition_variable woken_;
    std::uint64_t wakes_ = 0;
};

// Waits for state nothing announces (a counter, another process): re-checked every few
// milliseconds until it holds or the limit passes. Prefer WakeSignal where a worker wakes.
template <typename Pred>
bool eventually(Pred done, std::chrono::milliseconds limit = kWaitLimit,
                std::chrono::milliseconds every = std::chrono::milliseconds(5)) {
    const auto giveUp = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() > giveUp) return false;
        std::this_thread::sleep_for(every);
    }
    return true;
}

struct Size {
    int width;
    int height;
};

inline std::string sizeName(const ::testing::TestParamInfo<Size>& info) {
    return std::to_string(info.param.width) + "x" + std::to_string(info.param.height);
}

inline KioskOptions headlessOptions(Size size) {
    KioskOptions o;
    o.headless = true;
    o.width = size.width;
    o.height = size.height;
    return o;
}

// A fresh temporary directory per test.
inline std::filesystem::path tempDir(const std::string& name) {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string test = std::string(info->test_suite_name()) + "_" + info->name();
    for (char& c : test) {
        if (c == '/') c = '_';
    }
    auto dir = std::filesystem::temp_directory_path() / "openhouse-kiosk-tests" / test / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

struct RunResult {
    bool failed = false;
    std::string failure;
    std::map<std::string, Image> shots;  // screenshot name -> PNG read back from disk
    HitRegistry hits;                    // the last frame's widgets
    std::string screen;
};

// Runs a scenario through the kiosk's real main loop; screenshots are read back from disk.
inline RunResult runScenario(Kiosk& kiosk, const std::string& script,
                             const std::filesystem::path& dir) {
    ScenarioRunner runner(parseScenario(script, "test.scenario"), dir);
    runner.stepTimeout = std::chrono::milliseconds(20000);  // generous: CI machines are busy
    kiosk.loop().setDriver(&runner);
    kiosk.loop().run();
    kiosk.loop().setDriver(nullptr);
    RunResult r;
    r.failed = runner.failed();
    r.failure = runner.failure();
    for (const auto& path : runner.screenshots()) r.shots[path.stem().string()] = readPng(path);
    r.hits = kiosk.app().lastFrameHits();
    r.screen = std::string(kiosk.app().currentId());
    return r;
}

// Runs the kiosk's loop until `done` holds, for up to `limit` (generous: CI machines are
// busy). Tests wait for a condition like this, never for a fixed time.
template <typename Pred>
bool runUntil(Kiosk& kiosk, Pred done,
              std::chrono::milliseconds limit = std::chrono::milliseconds(30000)) {
    const auto giveUp = Clock::now() + limit;
    while (!done()) {
        if (Clock::now() > giveUp) return false;
        kiosk.loop().runFor(std::chrono::milliseconds(20));
    }
    return true;
}

struct Rgb {
    int r, g, b;
};

inline Rgb rgbAt(const Image& img, int x, int y) {
    const auto* p = img.pixel(x, y);
    return {p[0], p[1], p[2]};
}

inline int colorDistance(Rgb a, Rgb b) {
    return std::abs(a.r - b.r) + std::abs(a.g - b.g) + std::abs(a.b - b.b);
}

// Share of pixels in the rectangle that differ clearly from the background, taken from the
// left edge of the window on the same row (the background is a vertical gradient).
inline double inkFraction(const Image& img, const Hit& rect) {
    int ink = 0, total = 0;
    for (int y = static_cast<int>(rect.min.y); y < static_cast<int>(rect.max.y); ++y) {
        const Rgb bg = rgbAt(img, 2, y);
        for (int x = static_cast<int>(rect.min.x); x < static_cast<int>(rect.max.x); ++x) {
            ++total;
            if (colorDistance(rgbAt(img, x, y), bg) > 60) ++ink;
        }
    }
    return total ? static_cast<double>(ink) / total : 0.0;
}

// Share of pixels in the rectangle within `tolerance` of `color`.
inline double colorFraction(const Image& img, const Hit& rect, Rgb color, int tolerance = 24) {
    int match = 0, total = 0;
    for (int y = static_cast<int>(rect.min.y); y < static_cast<int>(rect.max.y); ++y) {
        for (int x = static_cast<int>(rect.min.x); x < static_cast<int>(rect.max.x); ++x) {
            ++total;
            if (colorDistance(rgbAt(img, x, y), color) <= tolerance) ++match;
        }
    }
    return total ? static_cast<double>(match) / total : 0.0;
}

inline bool regionsEqual(const Image& a, const Image& b, const Hit& rect) {
    for (int y = static_cast<int>(rect.min.y); y < static_cast<int>(rect.max.y); ++y) {
        for (int x = static_cast<int>(rect.min.x); x < static_cast<int>(rect.max.x); ++x) {
            if (colorDistance(rgbAt(a, x, y), rgbAt(b, x, y)) != 0) return false;
        }
    }
    return true;
}

}  // namespace oh::kiosk::testing
