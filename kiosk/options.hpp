// Command-line options of openhouse-kiosk.
#pragma once

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>

#include "core/config/config.hpp"

namespace oh::kiosk {

struct KioskOptions {
    bool headless = false;
    bool windowed = false;
    int width = 0;  // 0: default (display size fullscreen, 1280x800 otherwise)
    int height = 0;
    std::string scenario;     // --scenario FILE (headless test/demo runs)
    std::string screenshots;  // --screenshots DIR
    std::string cameraFile;   // --camera-file PATH
    std::string assetsDir;    // --assets DIR, defaults to the source tree's assets/
    std::string language = "en";
    std::chrono::milliseconds idleTimeout{60'000};
    std::chrono::milliseconds personalDataTimeout{20'000};
    // Demo defaults until the event comes from the core store.
    std::string eventName = "Spring Open House 2026";
    std::string eventVenue = "Harbour Hall, Level 2";
    std::string eventWhen = "Thursday 14 May · 13:00–18:00";
    bool verbose = false;

    // Where the data is, like the `openhouse` CLI: HOME/devices/DEVICE.db, or --store PATH.
    std::string home;
    std::string device;
    std::string storePath;   // resolved by resolveStore()
    std::string configPath;  // --config FILE (validated: a wrong file exits with code 2)
    std::string eventId;
    std::string cameraDevice;  // --camera /dev/videoN (default /dev/video0 when a store is used)
    std::string lpCommand = "lp";  // tests use a fake
    std::string printerOverride;   // --printer QUEUE (else the config's)
    std::string spoolDir;
    std::string leadPinHash;  // from the config; tests set them directly
    std::string staffPinHash;
    std::string privacyNotice;
    std::string badgeSize;
    std::string onScreenKeyboard;  // auto, always, never (else the config's)
    std::string
        mode;  // --mode door|scoring|feedback|showcase|dashboard (else the config's, else door)
    oh::JudgingConfig judging;       // [judging] of the config: rubric, unlock, idle times
    int quorum = 3;                  // conversion.quorum: judges a demo needs
    oh::ConversionRules conversion;  // [conversion] of the config: the dashboard's decisions
    std::chrono::milliseconds printTimeout{15000};
    std::chrono::milliseconds printBackoff{300};
    int cameraReopenMs = 3000;  // how often a missing camera is looked for
    int deskRefreshMs = 30000;
    bool lockdown = false;  // force kiosk lockdown headless (tests); on by default fullscreen  //
                            // how often keys, revocations and the roster are re-read
};

class OptionsError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// "1280x800" -> {1280, 800}; throws OptionsError otherwise.
std::pair<int, int> parseSize(const std::string& text);

// Applies the configuration file (if any) and works out the store path. Throws OptionsError
// with every problem of a wrong configuration.
void resolveStore(KioskOptions& options, bool languageGiven, bool timeoutGiven);

// Parses argv. Returns std::nullopt and sets exitCode when the program should exit at once
// (--help, or an error already printed).
std::optional<KioskOptions> parseOptions(int argc, char** argv, int& exitCode);

}  // namespace oh::kiosk
