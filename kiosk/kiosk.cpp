#include "kiosk/kiosk.hpp"

#include <spdlog/spdlog.h>

#include "core/store/store.hpp"

#include "kiosk/scenario.hpp"
#include "kiosk/screens/screens.hpp"
#include "kiosk/ui/format.hpp"

namespace oh::kiosk {

std::filesystem::path defaultAssetsDir() {
    if (const char* env = std::getenv("OPENHOUSE_ASSETS")) return env;
    return OPENHOUSE_ASSETS_DIR;
}

namespace {

AppContext makeContext(const KioskOptions& o, const std::filesystem::path& assets) {
    AppContext ctx;
    ctx.strings = Strings::loadDirectory(assets / "strings", "en");
    if (!ctx.strings.setLanguage(o.language))
        spdlog::warn("kiosk: no strings for language '{}'", o.language);
    ctx.rosterLanguage = ctx.strings.language();
    ctx.model.event = EventView{o.eventName, o.eventVenue, o.eventWhen};
    ctx.model.cameraPath = o.cameraFile;
    return ctx;
}

std::string glyphText(const AppContext& ctx) {
    const auto& e = ctx.model.event;
    return ctx.strings.allText() + e.name + e.venue + e.when;
}

bool inLockdown(const KioskOptions& o) {
    return o.lockdown || (!o.windowed && !o.headless);
}

// In lockdown only the lead PIN closes the kiosk: without one it could not be closed at all
// short of pulling the plug, so it does not start (and says how to set the PIN).
void requireLeadPinForLockdown(const KioskOptions& o) {
    if (!inLockdown(o) || !o.leadPinHash.empty()) return;
    const std::string where = o.configPath.empty()
                                  ? "in a configuration file and start the kiosk with --config FILE"
                                  : "in " + o.configPath;
    throw SetupError(
        "no lead PIN is set, and in kiosk lockdown only the lead PIN can close the kiosk "
        "(window close and Alt-F4 are refused).\n"
        "  Set one: run `openhouse pin-hash`, type the PIN (4 to 12 digits), and put the hash "
        "it prints under [kiosk] as lead_pin_hash = \"...\" " +
        where +
        ".\n"
        "  Set staff_pin_hash the same way for the staff screen. To try the kiosk without "
        "lockdown, start it with --windowed.");
}

}  // namespace

SessionSetup sessionSetup(const KioskOptions& o) {
    SessionSetup s;
    s.storePath = o.storePath;
    s.eventId = o.eventId;
    s.config.kiosk.printer = o.printerOverride;
    s.config.kiosk.leadPinHash = o.leadPinHash;
    s.config.kiosk.staffPinHash = o.staffPinHash;
    if (!o.privacyNotice.empty()) s.config.kiosk.privacyNotice = o.privacyNotice;
    if (!o.badgeSize.empty()) s.config.kiosk.badgeSize = o.badgeSize;
    if (!o.onScreenKeyboard.empty()) s.config.kiosk.onScreenKeyboard = o.onScreenKeyboard;
    if (!o.mode.empty()) s.config.kiosk.mode = o.mode;
    s.config.judging = o.judging;
    s.config.conversion = o.conversion;
    s.config.conversion.quorum = o.quorum;
    s.deviceName = o.device;
    if (!o.home.empty()) s.adminStorePath = o.home + "/central.db";
    s.exportsFolder =
        (o.home.empty() ? std::filesystem::path(o.storePath).parent_path().string() : o.home) +
        "/exports";
    s.spoolDir = o.spoolDir;
    if (s.spoolDir.empty())
        s.spoolDir = (std::filesystem::temp_directory_path() / "openhouse-spool").string();
    s.lpCommand = o.lpCommand;
    s.printTimeout = o.printTimeout;
    s.printBackoff = o.printBackoff;
    s.camera.reopenEveryMs = o.cameraReopenMs;
    s.refreshEvery = std::chrono::milliseconds(o.deskRefreshMs);
    s.wake = wakeUi;  // the workers wake the sleeping main loop
    return s;
}

Kiosk::Kiosk(const KioskOptions& options) : options_(options) {
    requireLeadPinForLockdown(options);
    const auto assets =
        options.assetsDir.empty() ? defaultAssetsDir() : std::filesystem::path(options.assetsDir);
    AppContext ctx = makeContext(options, assets);
    try {
        session_ = std::make_unique<Session>(sessionSetup(options));
    } catch (const std::exception& e) {
        throw SetupError(describeStoreFailure(e));
    }
    if (session_->hasStore()) {
        const Event& ev = session_->event();
        ctx.model.event =
            EventView{ev.name, ev.venue, fmt::eventWhen(ctx.strings, ev.startsAt, ev.endsAt),
                      ev.startsAt, ev.endsAt};
    }
    // The camera: replayed files (--camera-file, scenarios), else the V4L2 device.
    if (ctx.model.cameraPath.empty()) {
        ctx.model.cameraPath = !options.cameraDevice.empty()               ? options.cameraDevice
                               : session_->hasStore() && !options.headless ? "/dev/video0"
                                                                           : "";
    }
    ctx.session = session_.get();

    PlatformOptions po;
    po.headless = options.headless;
    po.windowed = options.windowed;
    po.width = options.width;
    po.height = options.height;
    po.fontRoles = readFontRoles(assets / "fonts.txt");
    po.glyphText = glyphText(ctx);
    platform_ = std::make_unique<Platform>(po);

    textures_ = std::make_unique<TextTextures>();
    ctx.textures = textures_.get();
    ctx.fonts = platform_->fonts();
    ctx.scale = platform_->scale();
    AppSettings settings;
    settings.idleTimeout = options.idleTimeout;
    settings.personalDataTimeout = options.personalDataTimeout;
    settings.defaultLanguage = ctx.strings.language();
    app_ = std::make_unique<App>(std::move(ctx), settings);
    addDefaultScreens(*app_);
    if (!options.mode.empty() && options.mode != "door") app_->setMode(options.mode);

    LoopSettings ls;
    ls.lockdown = inLockdown(options);
    loop_ = std::make_unique<MainLoop>(*platform_, *app_, ls);
}

int Kiosk::run() {
    std::unique_ptr<ScenarioRunner> runner;
    if (!options_.scenario.empty()) {
        const auto dir = options_.screenshots.empty() ? std::filesystem::path("screenshots")
                                                      : std::filesystem::path(options_.screenshots);
        runner = std::make_unique<ScenarioRunner>(loadScenario(options_.scenario), dir);
        loop_->setDriver(runner.get());
    }
    const int code = loop_->run();
    loop_->setDriver(nullptr);
    if (runner && runner->failed()) {
        spdlog::error("scenario failed: {}", runner->failure());
        return 1;
    }
    return code;
}

Kiosk::~Kiosk() {
    // GL textures go before the context; the workers stop before the loop goes away.
    loop_.reset();
    app_.reset();
    textures_.reset();
    platform_.reset();
    session_.reset();
}

int runKiosk(const KioskOptions& options) {
    try {
        Kiosk kiosk(options);
        return kiosk.run();
    } catch (const SetupError& e) {
        spdlog::critical("openhouse-kiosk: {}", e.what());
        return 2;
    } catch (const std::exception& e) {
        spdlog::critical("openhouse-kiosk: {}", e.what());
        return 1;
    }
}

}  // namespace oh::kiosk
