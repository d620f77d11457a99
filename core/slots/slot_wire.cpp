#include "core/slots/slot_wire.hpp"

#include <nlohmann/json.hpp>

namespace oh {

std::string slotStateRecord(const Slot& s) {
    return nlohmann::json{{"id", s.id},
                          {"event_id", s.eventId},
                          {"intern_id", s.internId},
                          {"showcase_id", s.showcaseId},
                          {"device_id", s.deviceId},
                          {"grant_id", s.grantId},
                          {"from_grant", s.fromGrant},
                          {"issued_at", s.issuedAt},
                          {"state", s.state},
                          {"state_at", s.stateAt},
                          {"reason", s.reason},
                          {"explanation", s.explanation},
                          {"version", s.version}}
        .dump();
}

}  // namespace oh
