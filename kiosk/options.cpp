#include "kiosk/options.hpp"

#include <CLI/CLI.hpp>

#include <charconv>
#include <filesystem>

#include "core/config/config.hpp"

namespace oh::kiosk {

std::pair<int, int> parseSize(const std::string& text) {
    const auto x = text.find_first_of("xX");
    int w = 0, h = 0;
    auto parse = [](std::string_view s, int& out) {
        auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
        return ec == std::errc() && p == s.data() + s.size() && out >= 320 && out <= 16384;
    };
    if (x == std::string::npos || !parse(std::string_view(text).substr(0, x), w) ||
        !parse(std::string_view(text).substr(x + 1), h)) {
        throw OptionsError("size must look like 1280x800 (each side 320..16384), got '" + text +
                           "'");
    }
    return {w, h};
}

void resolveStore(KioskOptions& o, bool languageGiven, bool timeoutGiven) {
    oh::Config config;
    bool haveConfig = false;
    if (!o.configPath.empty()) {
        auto result = oh::loadConfig(o.configPath);
        if (!result.config) {
            std::string message = "the configuration is wrong:";
            for (const auto& e : result.errors) message += "\n  " + e;
            throw OptionsError(message + "\nfix it and start the kiosk again");
        }
        config = *result.config;
        haveConfig = true;
    }
    if (haveConfig) {
        if (o.home.empty()) o.home = config.home;
        if (o.device.empty()) o.device = config.deviceName;
        if (o.eventId.empty()) o.eventId = config.eventId;
        if (!languageGiven) o.language = config.kiosk.language;
        if (!timeoutGiven)
            o.personalDataTimeout = std::chrono::seconds(config.kiosk.idleTimeoutSeconds);
        if (o.printerOverride.empty()) o.printerOverride = config.kiosk.printer;
        if (o.spoolDir.empty()) o.spoolDir = config.kiosk.spoolDir;
        if (o.leadPinHash.empty()) o.leadPinHash = config.kiosk.leadPinHash;
        if (o.staffPinHash.empty()) o.staffPinHash = config.kiosk.staffPinHash;
        if (o.privacyNotice.empty()) o.privacyNotice = config.kiosk.privacyNotice;
        if (o.badgeSize.empty()) o.badgeSize = config.kiosk.badgeSize;
        if (o.onScreenKeyboard.empty()) o.onScreenKeyboard = config.kiosk.onScreenKeyboard;
        if (o.mode.empty()) o.mode = config.kiosk.mode;
        o.judging = config.judging;
        o.quorum = config.conversion.quorum;
        o.conversion = config.conversion;
    }
    if (o.storePath.empty() && (!o.home.empty() || !o.device.empty())) {
        if (o.home.empty()) o.home = "openhouse-data";
        if (o.device.empty()) o.device = "kiosk-1";
        if (o.device.find('/') != std::string::npos || o.device.front() == '.') {
            throw OptionsError("--device must be a plain name like kiosk-1");
        }
        o.storePath = o.home + "/devices/" + o.device + ".db";
    }
    if (o.spoolDir.empty() && !o.storePath.empty()) {
        const auto storeDir = std::filesystem::path(o.storePath).parent_path();
        o.spoolDir = (!o.home.empty() ? std::filesystem::path(o.home) : storeDir) / "spool";
    }
}

std::optional<KioskOptions> parseOptions(int argc, char** argv, int& exitCode) {
    KioskOptions o;
    CLI::App cli{"openhouse-kiosk: the self check-in kiosk at the door"};
    std::string size;
    double idleSeconds = 60, privacySeconds = 20;
    cli.add_flag("--windowed", o.windowed, "Run in a window (development) instead of fullscreen");
    cli.add_flag("--headless", o.headless,
                 "Render offscreen (SDL offscreen driver, OpenGL via EGL)");
    cli.add_option("--size", size, "Window size WxH (headless default 1280x800)");
    cli.add_option("--scenario", o.scenario, "Run the scripted steps in FILE, then exit")
        ->check(CLI::ExistingFile);
    cli.add_option("--screenshots", o.screenshots, "Write the scenario's screenshots to DIR");
    cli.add_option("--camera-file", o.cameraFile,
                   "Replay an image or a directory of images as the camera");
    cli.add_option("--assets", o.assetsDir, "Assets directory (strings, fonts.txt)");
    cli.add_option("--lang", o.language, "Default language (a file in assets/strings)");
    cli.add_option("--idle-timeout", idleSeconds, "Seconds before returning to the attract screen");
    cli.add_option("--privacy-timeout", privacySeconds,
                   "Seconds before a screen with personal data returns to attract");
    cli.add_option("--event-name", o.eventName, "Event name (demo; normally from the store)");
    cli.add_option("--event-venue", o.eventVenue, "Venue line (demo)");
    cli.add_option("--event-when", o.eventWhen, "Date/time line (demo)");
    cli.add_option("--home", o.home,
                   "Data folder (as for the openhouse CLI); the store is HOME/devices/DEVICE.db");
    cli.add_option("--device", o.device, "Device name (default from the config, else kiosk-1)");
    cli.add_option("--store", o.storePath, "Device store file (instead of --home/--device)");
    cli.add_option("--config", o.configPath,
                   "Configuration file (TOML); a wrong one stops the kiosk");
    cli.add_option("--event", o.eventId, "Event id (default: the device's event)");
    cli.add_option("--camera", o.cameraDevice, "V4L2 camera device (default /dev/video0)");
    cli.add_option("--printer", o.printerOverride,
                   "CUPS queue for badges (default from the config; none: spool folder)");
    cli.add_option("--spool", o.spoolDir, "Spool folder for badges when there is no printer");
    cli.add_option("--lp-command", o.lpCommand, "The lp program (tests)");
    cli.add_option("--mode", o.mode,
                   "What this device is for: door (check-in), scoring (staff score demos), "
                   "feedback (peers rate demos), showcase (the audience's big screen) or "
                   "dashboard (the event lead's, behind the lead PIN); default from the config, "
                   "else door")
        ->check(CLI::IsMember({"door", "scoring", "feedback", "showcase", "dashboard"}));
    cli.add_flag("-v,--verbose", o.verbose, "Debug logging");
    try {
        cli.parse(argc, argv);
        if (!size.empty()) std::tie(o.width, o.height) = parseSize(size);
        if (idleSeconds <= 0 || privacySeconds <= 0)
            throw OptionsError("timeouts must be positive");
        o.personalDataTimeout = std::chrono::milliseconds(static_cast<long>(privacySeconds * 1000));
        resolveStore(o, cli.count("--lang") > 0, cli.count("--privacy-timeout") > 0);
    } catch (const CLI::ParseError& e) {
        exitCode = cli.exit(e);
        return std::nullopt;
    } catch (const OptionsError& e) {
        std::fprintf(stderr, "openhouse-kiosk: %s\n", e.what());
        exitCode = 2;
        return std::nullopt;
    }
    o.idleTimeout = std::chrono::milliseconds(static_cast<long>(idleSeconds * 1000));
    if (!o.scenario.empty() && !o.headless)
        o.windowed = true;  // a scripted run never grabs the screen
    return o;
}

}  // namespace oh::kiosk
