// Store: each device's sync health (device.health), reported by the device itself as it
// syncs and learned by every other device of the event through the feed.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <tuple>

#include "core/model/record_kind.hpp"
#include "core/store/store_impl.hpp"

namespace oh {

using namespace detail;

void Store::reportHealth(const std::string& eventId, std::int64_t backlog, std::int64_t offsetMs,
                         std::int64_t atMillis) {
    const json payload = {{"event_id", eventId},
                          {"device_id", impl_->deviceId},
                          {"reported_at", atMillis},
                          {"backlog", backlog},
                          {"clock_offset_ms", offsetMs}};
    sql::Transaction tx(impl_->db);
    // The same merge rule as a pulled report (applyRemote appends nothing to the outbox).
    applyRemote(recordKindName(RecordKind::DeviceHealth), payload.dump(), impl_->deviceId);
    impl_->appendOutbox(RecordKind::DeviceHealth, payload);
    tx.commit();
}

std::vector<Store::DeviceHealth> Store::deviceHealth(const std::string& eventId) {
    std::vector<DeviceHealth> out;
    {
        auto s = impl_->query(
            "SELECT device_id, reported_at, backlog, clock_offset_ms FROM device_health "
            "WHERE event_id = ?",
            eventId);
        while (s.step()) out.push_back({s.text(0), "", s.int64(1), s.int64(2), s.int64(3)});
    }
    for (DeviceHealth& d : out) d.name = deviceName(d.deviceId).value_or(d.deviceId);
    std::sort(out.begin(), out.end(), [](const DeviceHealth& a, const DeviceHealth& b) {
        return std::tie(a.name, a.deviceId) < std::tie(b.name, b.deviceId);
    });
    return out;
}

}  // namespace oh
