#include "kiosk/kiosk.hpp"

#include <spdlog/spdlog.h>

#include "kiosk/scenario.hpp"
#include "kiosk/screens/screens.hpp"

namespace oh::kiosk {

std::filesystem::path defaultAssetsDir() {
    if (const char* env = std::getenv("OPENHOUSE_ASSETS")) return env;
    return OPENHOUSE_ASSETS_DIR;
}

namespace {

AppContext makeContext(const KioskOptions& o, const std::filesystem::path& assets) {
    AppContext ctx;
    ctx.strings = Strings::loadDirectory(assets / "strings", "en");
    if (!ctx.strings.setLanguage(o.language)) spdlog::warn("kiosk: no strings for language '{}'", o.language);
    ctx.model.event = EventView{o.eventName, o.eventVenue, o.eventWhen};
    ctx.model.cameraPath = o.cameraFile;
    return ctx;
}

std::string glyphText(const AppContext& ctx) {
    const auto& e = ctx.model.event;
    return ctx.strings.allText() + e.name + e.venue + e.when;
}

}  // namespace

Kiosk::Kiosk(const KioskOptions& options) : options_(options) {
    const auto assets = options.assetsDir.empty() ? defaultAssetsDir() : std::filesystem::path(options.assetsDir);
    AppContext ctx = makeContext(options, assets);

    PlatformOptions po;
    po.headless = options.headless;
    po.windowed = options.windowed;
    po.width = options.width;
    po.height = options.height;
    po.fontRoles = readFontRoles(assets / "fonts.txt");
    po.glyphText = glyphText(ctx);
    platform_ = std::make_unique<Platform>(po);

    ctx.fonts = platform_->fonts();
    ctx.scale = platform_->scale();
    AppSettings settings;
    settings.idleTimeout = options.idleTimeout;
    settings.personalDataTimeout = options.personalDataTimeout;
    settings.defaultLanguage = ctx.strings.language();
    app_ = std::make_unique<App>(std::move(ctx), settings);
    addDefaultScreens(*app_);

    LoopSettings ls;
    ls.lockdown = !options.windowed && !options.headless;
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

int runKiosk(const KioskOptions& options) {
    try {
        Kiosk kiosk(options);
        return kiosk.run();
    } catch (const std::exception& e) {
        spdlog::critical("openhouse-kiosk: {}", e.what());
        return 1;
    }
}

}  // namespace oh::kiosk
