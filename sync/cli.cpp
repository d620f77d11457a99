#include "sync/cli.hpp"

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "core/files/private_dir.hpp"
#include "core/model/ids.hpp"
#include "sync/context.hpp"

namespace oh::cli {

namespace {

constexpr const char* kExitCodes =
    "Exit codes: 0 ok; 1 the operation said no (e.g. a rejected code); 2 usage or "
    "configuration error; 3 bad input data (roster problems, unreadable image); "
    "4 store error (disk full, database from a newer version).";

std::string fromEnv(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

// Loads and validates the configuration; wrong configuration stops every
// subcommand before it touches anything.
void loadConfiguration(Context& ctx, bool homeGiven) {
    std::string path = ctx.configPath;
    if (path.empty()) {
        std::string candidate = ctx.home + "/openhouse.toml";
        if (!std::filesystem::exists(candidate)) return;
        path = candidate;
    }
    ConfigResult result = loadConfig(path);
    if (!result.config) {
        std::string message = "the configuration is wrong:";
        for (const auto& e : result.errors) message += "\n  " + e;
        throw CommandError(kUsage, message + "\nfix it and run again");
    }
    ctx.config = *result.config;
    if (!homeGiven && fromEnv("OPENHOUSE_HOME").empty()) ctx.home = ctx.config.home;
}

}  // namespace

std::string Context::devicePath(const std::string& deviceName) const {
    return home + "/devices/" + deviceName + ".db";
}

// The data folder holds the central record, device stores and keys: 0700, and devices/ too.
// An existing data folder is narrowed to 0700 only when it is recognisably ours (empty, or
// holding what openhouse puts there), so `--home` pointed at a shared folder by mistake does
// not lock others out of it.
void Context::ensureHome() const {
    std::error_code ec;
    const bool existed = std::filesystem::is_directory(home, ec);
    bool ours = !existed || std::filesystem::is_empty(home, ec);
    for (const char* entry : {"central.db", "devices", "keys", "openhouse.toml"})
        ours = ours || std::filesystem::exists(home + "/" + entry, ec);
    std::string error;
    if (!makePrivateDirectory(home, ours, &error) ||
        !makePrivateDirectory(home + "/devices", true, &error))
        throw CommandError(kUsage, "cannot create the data folder " + home + ": " + error +
                                       "; choose another with --home");
}

std::string Context::centralSpec(const std::string& explicitSpec) const {
    if (!explicitSpec.empty()) return explicitSpec;
    if (const char* env = std::getenv("OPENHOUSE_CENTRAL"); env && *env) return env;
    if (!config.sync.central.empty()) return config.sync.central;
    return "sqlite:" + centralPath();
}

Store Context::openCentral() const {
    ensureHome();
    return Store::open(centralPath());
}

Store Context::openDevice(const std::string& deviceName) const {
    std::string path = devicePath(deviceName);
    if (!std::filesystem::exists(path))
        throw CommandError(kUsage, "no device '" + deviceName + "' in " + home +
                                       "; enrol it first with 'openhouse enrol --device " +
                                       deviceName + "'");
    return Store::open(path);
}

Event Context::resolveEvent(Store& store, const std::string& requested) const {
    if (!requested.empty()) {
        if (auto e = store.event(requested)) return *e;
        throw CommandError(
            kUsage, "no event with id " + requested + "; 'openhouse status' lists the events");
    }
    auto all = store.events();
    if (all.size() == 1) return all.front();
    if (all.empty())
        throw CommandError(kUsage, "there is no event yet; create one with 'openhouse init'");
    throw CommandError(kUsage, "there are " + std::to_string(all.size()) +
                                   " events; choose one with --event (see 'openhouse status')");
}

int run(int argc, char** argv) {
    CLI::App app{"openhouse: the Openhouse command line (events, rosters, invitations, devices)"};
    app.footer(kExitCodes);
    app.require_subcommand(1);
    Context ctx;
    ctx.home = fromEnv("OPENHOUSE_HOME").empty() ? ctx.config.home : fromEnv("OPENHOUSE_HOME");
    ctx.configPath = fromEnv("OPENHOUSE_CONFIG");
    auto* homeOption =
        app.add_option("--home", ctx.home,
                       "Data folder: central record, keys, device stores ($OPENHOUSE_HOME)")
            ->capture_default_str();
    app.add_option("--config", ctx.configPath,
                   "Configuration file (TOML; $OPENHOUSE_CONFIG; default HOME/openhouse.toml)");
    app.parse_complete_callback(
        [&ctx, homeOption] { loadConfiguration(ctx, homeOption->count() > 0); });

    addEventCommands(app, ctx);
    addRosterCommands(app, ctx);
    addInviteCommands(app, ctx);
    addDeviceCommands(app, ctx);
    addPinCommands(app, ctx);
    addSyncCommands(app, ctx);
    addSlotCommands(app, ctx);
    addScheduleCommands(app, ctx);
    addPersonCommands(app, ctx);
    addAttendanceCommands(app, ctx);
    addGrantCommands(app, ctx);
    addExportCommands(app, ctx);
    addEncoreCommands(app, ctx);
    addKpiCommands(app, ctx);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "openhouse: error: " << e.what() << "; see 'openhouse --help'\n";
        return kUsage;
    } catch (const CommandError& e) {
        std::cerr << "openhouse: error: " << e.what() << "\n";
        return e.exitCode;
    } catch (const StoreError& e) {
        std::cerr << "openhouse: error: " << e.what() << "\n";
        return kStoreError;
    } catch (const sql::Error& e) {
        std::cerr << "openhouse: error: " << describeStoreFailure(e) << "\n";
        return kStoreError;
    } catch (const std::exception& e) {
        std::cerr << "openhouse: error: " << e.what() << "\n";
        return kFailure;
    }
    return ctx.exitCode;
}

}  // namespace oh::cli
