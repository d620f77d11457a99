// Assembles the kiosk from its options: strings, platform, app with its screens, main loop.
// main() and the headless tests use this same path.
#pragma once

#include <filesystem>
#include <memory>
#include <stdexcept>

#include "kiosk/app.hpp"
#include "kiosk/options.hpp"
#include "kiosk/platform/main_loop.hpp"
#include "kiosk/platform/platform.hpp"
#include "kiosk/platform/textures.hpp"
#include "kiosk/session.hpp"

namespace oh::kiosk {

std::filesystem::path defaultAssetsDir();

class Kiosk {
  public:
    explicit Kiosk(const KioskOptions& options);  // throws on a broken setup (SetupError: exit 2)
    ~Kiosk();

    // Runs until quit (or until the scenario finishes); returns the exit code.
    int run();
    Platform& platform() { return *platform_; }
    App& app() { return *app_; }
    MainLoop& loop() { return *loop_; }
    Session& session() { return *session_; }

  private:
    KioskOptions options_;
    std::unique_ptr<Session> session_;
    std::unique_ptr<Platform> platform_;
    std::unique_ptr<TextTextures> textures_;
    std::unique_ptr<App> app_;
    std::unique_ptr<MainLoop> loop_;
};

// A configuration or store problem the operator must fix: exit code 2.
class SetupError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// The whole program behind main(): logs errors and turns them into an exit code.
int runKiosk(const KioskOptions& options);

}  // namespace oh::kiosk
