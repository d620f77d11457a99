// The check-in desk: token in → verified offline → committed durably → result.
// The kiosk, the CLI's scripted `checkin` and the benchmarks all go through it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/identity/token.hpp"
#include "core/model/model.hpp"
#include "core/store/store.hpp"

namespace oh {

enum class CheckInStatus {
    Ok,
    AlreadyCheckedIn,
    Unknown,       // signed for this event, but not on this device's roster
    Malformed,     // not an Openhouse code at all
    UnknownKey,    // signed by a key this event does not know
    BadSignature,  // forged or altered
    WrongEvent,
    NotYetValid,
    Expired,
    Revoked,
    DeviceRevoked,  // a walk-in badge of a kiosk that was revoked (lost or stolen)
    Blocked,
};

const char* checkInStatusName(CheckInStatus status);  // "ok", "already-checked-in", ...
const char* checkInStatusReason(CheckInStatus status);

struct CheckInOutcome {
    CheckInStatus status = CheckInStatus::Malformed;
    std::optional<Attendee> attendee;
    std::optional<CheckIn> checkin;  // the new one, or the earlier one when already checked in
    std::string earlierDevice;       // where the earlier check-in happened (name or id)
    bool ok() const { return status == CheckInStatus::Ok; }
};

class CheckInDesk {
  public:
    CheckInDesk(Store& store, std::string eventId);

    // Verifies `tokenText` and, when valid, records the check-in before returning.
    CheckInOutcome scan(std::string_view tokenText, std::int64_t nowMillis,
                        const std::string& method = "qr");
    // Verifies `tokenText` and finds its person without checking them in: the scoring and
    // feedback screens identify a judge or a peer by their badge. Ok with the attendee, or
    // the reason the code is refused (Blocked with the attendee when they are blocked).
    CheckInOutcome identify(std::string_view tokenText, std::int64_t nowMillis);
    // For name search and walk-ins: the attendee is already identified.
    CheckInOutcome checkInAttendee(const std::string& attendeeId, std::int64_t nowMillis,
                                   const std::string& method);
    // Staff undo of a check-in.
    bool annul(const std::string& checkinId, const std::string& staffId, std::int64_t nowMillis);
    // Re-read keys and revocations after a sync.
    void reloadKeys();

  private:
    Store& store_;
    std::string eventId_;
    TokenVerifier verifier_;
};

}  // namespace oh
