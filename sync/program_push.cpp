// The program team's records written on the embedded central, pushed to a PostgreSQL
// central as well (context.hpp).
#include <cstdlib>

#include "core/central/central.hpp"
#include "sync/context.hpp"

namespace oh::cli {

namespace {

// The PostgreSQL central, when one is named; empty for the embedded one.
std::string remoteCentral(const Context& ctx, const std::string& explicitSpec) {
    std::string spec = explicitSpec;
    if (spec.empty())
        if (const char* env = std::getenv("OPENHOUSE_CENTRAL"); env && *env) spec = env;
    if (spec.empty()) spec = ctx.config.sync.central;
    return spec.empty() || spec.rfind("sqlite:", 0) == 0 ? std::string() : spec;
}

}  // namespace

std::int64_t lastOutboxSeq(Store& store) {
    auto pending = store.pendingOutbox(100000);
    return pending.empty() ? 0 : pending.back().seq;
}

void pushProgramRecords(Context& ctx, const std::string& explicitSpec, Store& central,
                        std::int64_t afterSeq) {
    const std::string spec = remoteCentral(ctx, explicitSpec);
    if (spec.empty()) return;
    auto entries = central.pendingOutbox(1000, afterSeq);
    if (entries.empty()) return;
    CentralOptions admin;
    admin.admin = true;
    try {
        auto result = openCentralRecord(spec, admin)->push(central.deviceId(), entries);
        if (result.refused > 0)
            throw CommandError(kFailure, "the central refused it: " + result.refusedReason);
    } catch (const CentralError& e) {
        throw CommandError(kFailure, std::string("recorded here, but not in the central: ") +
                                         e.what() + "; run the command again when it answers");
    }
}

}  // namespace oh::cli
