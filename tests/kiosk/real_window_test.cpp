// The real openhouse-kiosk binary in a real X server (Xvfb), with and without a window manager:
// the fullscreen window must cover the whole screen (bare `xinit` kiosks have no WM to honour
// a fullscreen request), and a click at a button's place must land on that button.
// Needs Xvfb, xwininfo, xprop, xdotool and openbox (scripts/setup.sh installs them); skipped
// with the reason when one is missing.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "core/identity/pin.hpp"
#include "kiosk_fixture.hpp"

extern char** environ;

namespace oh::kiosk::testing {
namespace {

using namespace std::chrono_literals;
constexpr auto kLimit = 60s;  // generous: a loaded CI machine starts X and Mesa slowly

std::string findProgram(const std::string& name) {
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "/usr/bin:/bin");
    for (std::string dir; std::getline(dirs, dir, ':');) {
        const auto candidate = std::filesystem::path(dir) / name;
        if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    }
    return {};
}

std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string capture(const std::string& command) {
    std::string out;
    if (FILE* p = ::popen((command + " 2>&1").c_str(), "r")) {
        char buf[4096];
        for (size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
        ::pclose(p);
    }
    return out;
}

// Another process's state (X, the kiosk): asked again every 50 ms until it holds.
template <typename Pred>
bool waitUntil(Pred done, std::chrono::milliseconds limit = kLimit) {
    return eventually(done, limit, 50ms);
}

// A child process, stopped (SIGTERM, then SIGKILL) and reaped when it goes out of scope.
class Child {
  public:
    Child(std::vector<std::string> argv, std::vector<std::string> env,
          const std::filesystem::path& log) {
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                         0600);
        posix_spawn_file_actions_adddup2(&actions, 1, 2);
        std::vector<char*> args, envp;
        for (auto& a : argv) args.push_back(a.data());
        args.push_back(nullptr);
        // Ours replace inherited ones (ctest sets SDL_VIDEODRIVER=offscreen).
        auto overridden = [&](const char* inherited) {
            for (const auto& e : env) {
                if (std::strncmp(inherited, e.c_str(), e.find('=') + 1) == 0) return true;
            }
            return false;
        };
        for (char** e = environ; *e; ++e) {
            if (!overridden(*e)) envp.push_back(*e);
        }
        for (auto& e : env) envp.push_back(e.data());
        envp.push_back(nullptr);
        if (posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), envp.data()) != 0)
            pid_ = -1;
        posix_spawn_file_actions_destroy(&actions);
    }
    ~Child() { stop(); }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;
    bool running() const { return pid_ > 0 && ::waitpid(pid_, nullptr, WNOHANG) == 0; }
    bool started() const { return pid_ > 0; }
    void stop() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGTERM);
        if (!waitUntil([&] { return ::waitpid(pid_, nullptr, WNOHANG) != 0; }, 10s)) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
        pid_ = -1;
    }

  private:
    pid_t pid_ = -1;
};

struct Geometry {
    int x = -1, y = -1, width = -1, height = -1;
    bool viewable = false;
    std::string raw;
};

Geometry kioskWindow(const std::string& display) {
    Geometry g;
    g.raw = capture("xwininfo -display " + display + " -name Openhouse");
    auto number = [&](const char* label) {
        std::smatch m;
        if (std::regex_search(g.raw, m, std::regex(std::string(label) + R"(\s*(-?\d+))")))
            return std::stoi(m[1]);
        return -1;
    };
    g.x = number("Absolute upper-left X:");
    g.y = number("Absolute upper-left Y:");
    g.width = number("Width:");
    g.height = number("Height:");
    g.viewable = g.raw.find("IsViewable") != std::string::npos;
    return g;
}

// An exclusive flock held for its lifetime (across processes: ctest runs tests side by side).
class StartLock {
  public:
    explicit StartLock(const char* path) : fd_(::open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0600)) {
        if (fd_ >= 0) ::flock(fd_, LOCK_EX);
    }
    ~StartLock() {
        if (fd_ >= 0) ::close(fd_);  // closing releases the lock
    }
    StartLock(const StartLock&) = delete;
    StartLock& operator=(const StartLock&) = delete;

  private:
    int fd_;
};

class RealWindow : public ::testing::TestWithParam<bool> {  // param: with a window manager
  protected:
    void SetUp() override {
        for (const char* tool : {"Xvfb", "xwininfo", "xprop", "xdotool", "openbox"}) {
            if (findProgram(tool).empty()) {
                GTEST_SKIP() << tool
                             << " is not installed (scripts/setup.sh installs xvfb, x11-utils, "
                                "xdotool and openbox); the real-window test cannot run";
            }
        }
        dir_ = tempDir("x");
        startXvfb();
    }

    // A display of our own: the first number with neither a lock file nor a socket, taken
    // under a lock shared by every test process until the server says it is ready (it writes
    // the number to -displayfd then; a socket file alone exists before the server listens).
    // Xvfb -displayfd without a number picked one itself, but two servers probing the same
    // display at once let the loser's cleanup unlink the winner's socket: "SDL_Init failed:
    // x11 not available" in the winner's kiosk, one run in three under `ctest -j2`.
    void startXvfb() {
        StartLock one("/tmp/openhouse-tests-xvfb-start.lock");
        int n = 90;
        while (std::filesystem::exists("/tmp/.X" + std::to_string(n) + "-lock") ||
               std::filesystem::exists("/tmp/.X11-unix/X" + std::to_string(n)))
            ++n;
        int fds[2];
        ASSERT_EQ(::pipe(fds), 0);
        xvfb_ = std::make_unique<Child>(
            std::vector<std::string>{findProgram("Xvfb"), ":" + std::to_string(n), "-displayfd",
                                     std::to_string(fds[1]), "-screen", "0", "1920x1080x24",
                                     "-nolisten", "tcp"},
            std::vector<std::string>{}, dir_ / "xvfb.log");  // fds[1] is inherited
        ::close(fds[1]);
        std::string number;
        pollfd p{fds[0], POLLIN, 0};
        char c;
        while (::poll(&p, 1, static_cast<int>(kLimit / 1ms)) > 0 && ::read(fds[0], &c, 1) == 1 &&
               c != '\n')
            number += c;
        ::close(fds[0]);
        ASSERT_EQ(number, std::to_string(n))
            << "Xvfb did not start: " << readFile(dir_ / "xvfb.log");
        display_ = ":" + number;
    }

    void startWindowManager() {
        wm_ = std::make_unique<Child>(std::vector<std::string>{findProgram("openbox")},
                                      std::vector<std::string>{"DISPLAY=" + display_},
                                      dir_ / "openbox.log");
        ASSERT_TRUE(waitUntil([&] {
            return capture("xprop -display " + display_ + " -root _NET_SUPPORTING_WM_CHECK")
                       .find("window id") != std::string::npos;
        })) << "openbox did not start: "
            << readFile(dir_ / "openbox.log");
    }

    std::unique_ptr<Child> startKiosk(const DemoStore& store, const std::string& mode = "door") {
        std::ofstream(dir_ / "openhouse.toml")
            << "[kiosk]\nlead_pin_hash = \"" << hashPin("2468") << "\"\n";
        return std::make_unique<Child>(
            std::vector<std::string>{OPENHOUSE_KIOSK_BIN, "-v", "--config",
                                     (dir_ / "openhouse.toml").string(), "--store", store.path,
                                     "--spool", (dir_ / "spool").string(), "--mode", mode},
            std::vector<std::string>{"DISPLAY=" + display_, "SDL_VIDEODRIVER=x11"},
            dir_ / "kiosk.log");
    }

    std::filesystem::path dir_;
    std::string display_;
    std::unique_ptr<Child> xvfb_, wm_;
};

TEST_P(RealWindow, FullscreenCoversTheWholeScreenAndClicksLandOnTheButtons) {
    if (GetParam()) startWindowManager();
    DemoStore store(tempDir("store"));
    auto kiosk = startKiosk(store);
    ASSERT_TRUE(kiosk->started());
    Geometry g;
    const bool covers = waitUntil([&] {
        g = kioskWindow(display_);
        return g.viewable && g.x == 0 && g.y == 0 && g.width == 1920 && g.height == 1080;
    });
    ASSERT_TRUE(covers) << "on display " << display_ << " (Xvfb "
                        << (xvfb_->running() ? "running" : "gone")
                        << ", its log: " << readFile(dir_ / "xvfb.log") << ")\n"
                        << "the kiosk window does not cover the 1920x1080 screen: " << g.width
                        << "x" << g.height << "+" << g.x << "+" << g.y << "\n"
                        << g.raw << "\nkiosk log:\n"
                        << readFile(dir_ / "kiosk.log");

    // Where "Search your name" is at this size: the same layout, drawn headless.
    std::optional<Hit> search;
    {
        Kiosk layout(storeOptions(Size{1920, 1080}, store));
        auto r = runScenario(layout, "expect-screen attract\n", tempDir("layout"));
        ASSERT_FALSE(r.failed) << r.failure;
        search = r.hits.find("Search your name", true);
    }
    ASSERT_TRUE(search);
    const auto x = std::to_string(static_cast<int>(search->center().x));
    const auto y = std::to_string(static_cast<int>(search->center().y));
    // No --sync: it waits for the pointer to move, forever when it is already there.
    const std::string click = "timeout 10 xdotool mousemove " + x + " " + y + " click 1";
    const bool opened = waitUntil([&] {
        // Clicks before the first frame are lost like any tap on a starting kiosk: repeat.
        if (readFile(dir_ / "kiosk.log").find("screen attract -> search") != std::string::npos)
            return true;
        (void)capture("DISPLAY=" + display_ + " " + click);
        return false;
    });
    EXPECT_TRUE(opened) << "a click on \"Search your name\" did not open the search; kiosk log:\n"
                        << readFile(dir_ / "kiosk.log");
    kiosk->stop();
}

// Keys reach the kiosk in a real window, with and without a window manager, as a wedge
// scanner's and a lead's do: the lead types the PIN and the dashboard opens.
TEST_P(RealWindow, TypedKeysReachTheKioskAndTheLeadPinOpensTheDashboard) {
    if (GetParam()) startWindowManager();
    DemoStore store(tempDir("store"));
    auto kiosk = startKiosk(store, "dashboard");
    ASSERT_TRUE(kiosk->started());
    ASSERT_TRUE(waitUntil([&] { return kioskWindow(display_).viewable; }))
        << readFile(dir_ / "kiosk.log");
    const std::string type =
        "DISPLAY=" + display_ + " timeout 10 xdotool key --delay 60 2 4 6 8 Return";
    auto typedAt = std::chrono::steady_clock::now() - 1h;
    const bool opened = waitUntil([&] {
        if (readFile(dir_ / "kiosk.log").find("screen dashboard-pin -> dashboard") !=
            std::string::npos)
            return true;
        // Keys before the first frame are lost like any on a starting kiosk: type again, but
        // only once the PIN check of the last try has had time to answer.
        if (std::chrono::steady_clock::now() - typedAt > 3s) {
            (void)capture(type);
            typedAt = std::chrono::steady_clock::now();
        }
        return false;
    });
    EXPECT_TRUE(opened) << "the typed lead PIN did not open the dashboard; kiosk log:\n"
                        << readFile(dir_ / "kiosk.log");
    kiosk->stop();
}

INSTANTIATE_TEST_SUITE_P(WindowManager, RealWindow, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& p) {
                             return std::string(p.param ? "UnderOpenbox" : "WithoutAnyWm");
                         });

}  // namespace
}  // namespace oh::kiosk::testing
