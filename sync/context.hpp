// Shared state of one `openhouse` invocation: where the files are, and the
// helpers every subcommand needs (open the central record, find the event).
#pragma once

#include <CLI/CLI.hpp>

#include <stdexcept>
#include <string>

#include "core/config/config.hpp"
#include "core/identity/keystore.hpp"
#include "core/store/store.hpp"
#include "sync/cli.hpp"

namespace oh::cli {

// Thrown by subcommands; printed as one line on stderr with the exit code.
struct CommandError : std::runtime_error {
    CommandError(int code, const std::string& message)
        : std::runtime_error(message), exitCode(code) {}
    int exitCode;
};

struct Context {
    std::string home;        // --home, $OPENHOUSE_HOME, the config's `home`, or ./openhouse-data
    std::string configPath;  // --config, $OPENHOUSE_CONFIG, or HOME/openhouse.toml if present
    Config config;           // validated before any subcommand runs
    int exitCode = kOk;

    std::string centralPath() const { return home + "/central.db"; }
    std::string devicePath(const std::string& deviceName) const;
    KeyStore keyStore() const { return KeyStore(home + "/keys"); }
    void ensureHome() const;
    // The embedded central record (created on first use).
    Store openCentral() const;
    // An existing device store; a clear error if it was never enrolled.
    Store openDevice(const std::string& deviceName) const;
    // Where the central record is: `explicitSpec` (--central), then $OPENHOUSE_CENTRAL, then
    // the configuration's sync.central, then the embedded central file in HOME.
    std::string centralSpec(const std::string& explicitSpec = "") const;
    // `requested` if given, else the only event in `store`; errors otherwise.
    Event resolveEvent(Store& store, const std::string& requested) const;
};

// The program team's records a command just wrote to the embedded central's outbox (after
// `afterSeq`, from lastOutboxSeq before it wrote) go to a PostgreSQL central too, as the
// owner, with the same keys: `explicitSpec` (--central), $OPENHOUSE_CENTRAL, then the
// configuration's sync.central; nothing to do for the embedded one (program_push.cpp).
std::int64_t lastOutboxSeq(Store& store);
void pushProgramRecords(Context& ctx, const std::string& explicitSpec, Store& central,
                        std::int64_t afterSeq);

// Each file registers its subcommands.
void addEventCommands(CLI::App& app, Context& ctx);       // init, event set, status
void addRosterCommands(CLI::App& app, Context& ctx);      // import-roster
void addInviteCommands(CLI::App& app, Context& ctx);      // invites, verify, decode
void addDeviceCommands(CLI::App& app, Context& ctx);      // enrol, checkin
void addPinCommands(CLI::App& app, Context& ctx);         // pin-hash
void addSyncCommands(CLI::App& app, Context& ctx);        // sync, sync status
void addSlotCommands(CLI::App& app, Context& ctx);        // import-judging, slots
void addScheduleCommands(CLI::App& app, Context& ctx);    // import-schedule, judging close/reopen
void addPersonCommands(CLI::App& app, Context& ctx);      // person block|unblock|revoke
void addAttendanceCommands(CLI::App& app, Context& ctx);  // attendance
void addGrantCommands(CLI::App& app, Context& ctx);       // grants
void addExportCommands(CLI::App& app, Context& ctx);      // export slots|scores|checkins
void addEncoreCommands(CLI::App& app, Context& ctx);      // encore list|brief|submit|review
void addKpiCommands(CLI::App& app, Context& ctx);         // kpis
// slots accept|decline|expire|revoke|hold|release|grant (cmd_slot_issue.cpp)
void addSlotActCommands(CLI::App& slots, Context& ctx);
// slots --issue and slots --issued (cmd_slot_issue.cpp)
void issueSlotsNow(Context& ctx, const std::string& event, const std::string& device);
void printIssuedSlots(Context& ctx, const std::string& event, const std::string& device);

}  // namespace oh::cli
