#include "core/checkin/checkin.hpp"

namespace oh {

const char* checkInStatusName(CheckInStatus status) {
    switch (status) {
        case CheckInStatus::Ok:
            return "ok";
        case CheckInStatus::AlreadyCheckedIn:
            return "already-checked-in";
        case CheckInStatus::Unknown:
            return "unknown";
        case CheckInStatus::Malformed:
            return "malformed";
        case CheckInStatus::UnknownKey:
            return "unknown-key";
        case CheckInStatus::BadSignature:
            return "bad-signature";
        case CheckInStatus::WrongEvent:
            return "wrong-event";
        case CheckInStatus::NotYetValid:
            return "not-yet-valid";
        case CheckInStatus::Expired:
            return "expired";
        case CheckInStatus::Revoked:
            return "revoked";
        case CheckInStatus::DeviceRevoked:
            return "revoked-device";
        case CheckInStatus::Blocked:
            return "blocked";
    }
    return "malformed";
}

const char* checkInStatusReason(CheckInStatus status) {
    switch (status) {
        case CheckInStatus::Ok:
            return "Checked in.";
        case CheckInStatus::AlreadyCheckedIn:
            return "Already checked in.";
        case CheckInStatus::Unknown:
            return "This person is not on the guest list of this device yet.";
        case CheckInStatus::Blocked:
            return "This registration needs a word with the event desk.";
        case CheckInStatus::Malformed:
            return tokenStatusReason(TokenStatus::Malformed);
        case CheckInStatus::UnknownKey:
            return tokenStatusReason(TokenStatus::UnknownKey);
        case CheckInStatus::BadSignature:
            return tokenStatusReason(TokenStatus::BadSignature);
        case CheckInStatus::WrongEvent:
            return tokenStatusReason(TokenStatus::WrongEvent);
        case CheckInStatus::NotYetValid:
            return tokenStatusReason(TokenStatus::NotYetValid);
        case CheckInStatus::Expired:
            return tokenStatusReason(TokenStatus::Expired);
        case CheckInStatus::Revoked:
            return tokenStatusReason(TokenStatus::Revoked);
        case CheckInStatus::DeviceRevoked:
            return tokenStatusReason(TokenStatus::DeviceRevoked);
    }
    return "";
}

namespace {

CheckInStatus fromTokenStatus(TokenStatus s) {
    switch (s) {
        case TokenStatus::Ok:
            return CheckInStatus::Ok;
        case TokenStatus::Malformed:
            return CheckInStatus::Malformed;
        case TokenStatus::UnknownKey:
            return CheckInStatus::UnknownKey;
        case TokenStatus::BadSignature:
            return CheckInStatus::BadSignature;
        case TokenStatus::WrongEvent:
            return CheckInStatus::WrongEvent;
        case TokenStatus::NotYetValid:
            return CheckInStatus::NotYetValid;
        case TokenStatus::Expired:
            return CheckInStatus::Expired;
        case TokenStatus::Revoked:
            return CheckInStatus::Revoked;
        case TokenStatus::DeviceRevoked:
            return CheckInStatus::DeviceRevoked;
    }
    return CheckInStatus::Malformed;
}

}  // namespace

CheckInDesk::CheckInDesk(Store& store, std::string eventId)
    : store_(store), eventId_(std::move(eventId)), verifier_(store.verifierFor(eventId_)) {}

void CheckInDesk::reloadKeys() {
    verifier_ = store_.verifierFor(eventId_);
}

namespace {

// The person with this id at this event: Ok, Unknown (not of this event) or Blocked.
CheckInOutcome personOfEvent(Store& store, const std::string& eventId,
                             const std::string& attendeeId) {
    CheckInOutcome outcome;
    outcome.attendee = store.attendee(attendeeId);
    if (!outcome.attendee || outcome.attendee->eventId != eventId) {
        outcome.attendee.reset();
        outcome.status = CheckInStatus::Unknown;
    } else {
        outcome.status = outcome.attendee->blocked ? CheckInStatus::Blocked : CheckInStatus::Ok;
    }
    return outcome;
}

}  // namespace

CheckInOutcome CheckInDesk::scan(std::string_view tokenText, std::int64_t nowMillis,
                                 const std::string& method) {
    VerifyResult verified = verifier_.verify(tokenText, nowMillis / 1000);
    if (!verified.ok()) return {fromTokenStatus(verified.status), {}, {}, {}};
    return checkInAttendee(verified.claims->attendeeId.str(), nowMillis, method);
}

CheckInOutcome CheckInDesk::identify(std::string_view tokenText, std::int64_t nowMillis) {
    VerifyResult verified = verifier_.verify(tokenText, nowMillis / 1000);
    if (!verified.ok()) return {fromTokenStatus(verified.status), {}, {}, {}};
    return personOfEvent(store_, eventId_, verified.claims->attendeeId.str());
}

CheckInOutcome CheckInDesk::checkInAttendee(const std::string& attendeeId, std::int64_t nowMillis,
                                            const std::string& method) {
    CheckInOutcome outcome = personOfEvent(store_, eventId_, attendeeId);
    if (!outcome.ok()) return outcome;
    auto write = store_.recordCheckIn(eventId_, attendeeId, method, nowMillis);
    outcome.checkin = write.checkin;
    if (write.created) {
        outcome.status = CheckInStatus::Ok;
    } else {
        outcome.status = CheckInStatus::AlreadyCheckedIn;
        outcome.earlierDevice =
            store_.deviceName(write.checkin.deviceId).value_or(write.checkin.deviceId);
    }
    return outcome;
}

bool CheckInDesk::annul(const std::string& checkinId, const std::string& staffId,
                        std::int64_t nowMillis) {
    bool done = store_.annulCheckIn(checkinId, staffId, nowMillis);
    if (done) store_.audit(staffId, "checkin.annul", checkinId);
    return done;
}

}  // namespace oh
