// Attacks by a device's own login (a stolen kiosk, a compromised device role):
// each push below is what an attacker holding kiosk A's credentials sends, and
// each must be refused with its reason while the legitimate devices' sync goes
// on unharmed. The same pushes run against the embedded central (device
// rights) and against PostgreSQL as the device's own role, bound to event A by
// scripts/create-device-roles.sh. docs/security.md lists them.
#include "core/checkin/checkin.hpp"
#include "core/judging/schedule_shift.hpp"
#include "tests/integration/device_role_attacks.hpp"

using namespace oh;
using namespace oh::it;

namespace {

#define EXPECT_REFUSED(entry, why)                                                       \
    do {                                                                                 \
        std::string reason_ = refusal(entry);                                            \
        EXPECT_NE(reason_.find(why), std::string::npos)                                  \
            << "expected a refusal with \"" << (why) << "\", got \"" << reason_ << "\""; \
    } while (0)

TEST_P(DeviceRoleAttacks, AdminKindsAreRefusedInEveryEventAndChangeNothing) {
    SigningKey attacker = SigningKey::generate();
    for (const Seed* seed : {&ours_, &theirs_}) {
        EXPECT_REFUSED(entry("event_key.add", {{"key_id", keyIdHex(attacker.id)},
                                               {"event_id", seed->event.id},
                                               {"public_key", attacker.publicHex()}}),
                       "is for the program team, not a device");
        EXPECT_REFUSED(entry("event.upsert", {{"id", seed->event.id},
                                              {"name", "Pwned"},
                                              {"venue", ""},
                                              {"timezone", "UTC"},
                                              {"starts_at", 1},
                                              {"ends_at", 2},
                                              {"slot_budget", 99}}),
                       "is for the program team, not a device");
        EXPECT_REFUSED(entry("token.revoke", {{"token_id", "00112233445566778899aabbccddeeff"},
                                              {"event_id", seed->event.id},
                                              {"reason", "x"}}),
                       "is for the program team, not a device");
        EXPECT_REFUSED(entry("showcase.upsert", {{"id", Uuid::v7().str()},
                                                 {"event_id", seed->event.id},
                                                 {"title", "Fake demo"},
                                                 {"updated_at", nowMillis()}}),
                       "is for the program team, not a device");
        EXPECT_REFUSED(entry("device.revoke", {{"id", kioskB_->deviceId()},
                                               {"event_id", seed->event.id},
                                               {"revoked_at", nowMillis()}}),
                       "is for the program team, not a device");
    }
    // Kiosk B, a legitimate device of event B, syncs and sees none of it.
    sync(*kioskB_, b());
    auto event = kioskB_->event(theirs_.event.id);
    ASSERT_TRUE(event);
    EXPECT_EQ(event->name, "Demo Day");
    EXPECT_EQ(event->slotBudget, 3);
    EXPECT_EQ(kioskB_->revokedTokens(theirs_.event.id).size(), 0u);
    EXPECT_EQ(kioskB_->showcases(theirs_.event.id).size(), theirs_.showcases.size());
    EXPECT_FALSE(kioskB_->deviceRevokedAt(kioskB_->deviceId()));
    // A code signed with the attacker's key is still unknown at kiosk B.
    TokenClaims c;
    c.keyId = attacker.id;
    c.eventId = *Uuid::parse(theirs_.event.id);
    c.attendeeId = *Uuid::parse(theirs_.attendees[0]);
    c.validUntil = 4'000'000'000u;
    CheckInDesk desk(*kioskB_, theirs_.event.id);
    EXPECT_EQ(desk.scan(signToken(c, attacker), nowMillis()).status, CheckInStatus::UnknownKey);
}

TEST_P(DeviceRoleAttacks, ADeviceReportsItsOwnHealthOnlyAndWellFormed) {
    auto health = [&](const std::string& device) {
        return json{{"event_id", ours_.event.id},
                    {"device_id", device},
                    {"reported_at", nowMillis()},
                    {"backlog", 0},
                    {"clock_offset_ms", 0}};
    };
    EXPECT_EQ(refusal(entry("device.health", health(kioskA_->deviceId()))), "");
    EXPECT_REFUSED(entry("device.health", health(kioskB_->deviceId())), "device");
    json noDevice = health(kioskA_->deviceId());
    noDevice.erase("device_id");
    EXPECT_REFUSED(entry("device.health", noDevice), "device.health");
    json noBacklog = health(kioskA_->deviceId());
    noBacklog["backlog"] = "lots";
    EXPECT_NE(refusal(entry("device.health", noBacklog)), "");
    json otherEvent = health(kioskA_->deviceId());
    otherEvent["event_id"] = theirs_.event.id;
    EXPECT_REFUSED(entry("device.health", otherEvent), "not this device's event");
}

TEST_P(DeviceRoleAttacks, AKiosksOwnLoginCannotShiftTheScheduleForOtherDevices) {
    ASSERT_EQ(shiftSchedule(*kioskA_, ours_.event.id, {"", 60, 0}).status, ShiftStatus::Shifted)
        << "the seeded demos share the empty room";
    sync(*kioskA_, *central_);
    EXPECT_GE(kioskA_->outboxBacklog(), 1) << "the refused shift stays on the kiosk, unsent";
    auto screen = openDevice(dir_.file("screen.db"), ours_, "screen");
    sync(*screen, *admin_);
    for (std::size_t i = 0; i < ours_.showcases.size(); ++i) {
        auto got = screen->showcase(ours_.showcases[i]);
        ASSERT_TRUE(got);
        EXPECT_EQ(got->slotStart, static_cast<std::int64_t>(i))
            << "a device's login shifted a demo";
    }
}

TEST_P(DeviceRoleAttacks, ADevicePushesOnlyForItsOwnEventAndAsItself) {
    // Another event's check-in, claiming to be that event's kiosk.
    EXPECT_REFUSED(
        entry("checkin.create", checkIn(theirs_, theirs_.attendees[0], kioskB_->deviceId())),
        "not this device's event");
    // Its own event, but in another device's name.
    EXPECT_REFUSED(entry("checkin.create", checkIn(ours_, ours_.attendees[0], kioskB_->deviceId())),
                   "device_id is not the pushing device");
    // A person nobody registered (what stopped every other device's pull).
    EXPECT_REFUSED(entry("checkin.create", checkIn(ours_, Uuid::v7().str(), kioskA_->deviceId())),
                   "unknown attendee");
    // The undo of another event's check-in.
    json theirCheckIn = checkIn(theirs_, theirs_.attendees[1], kioskB_->deviceId());
    // (the program team's tools push it, so kiosk B pulls it)
    ASSERT_EQ(admin_->push(Uuid::v7().str(), {entry("checkin.create", theirCheckIn)}).applied, 1);
    EXPECT_REFUSED(entry("checkin.annul", {{"id", theirCheckIn["id"]},
                                           {"event_id", ours_.event.id},
                                           {"attendee_id", theirs_.attendees[1]},
                                           {"annulled_at", nowMillis()},
                                           {"annulled_by", "x"}}),
                   "unknown check-in");
    // Scores and feedback that name a judge, an author or a demo nobody has.
    EXPECT_REFUSED(entry("score.upsert", score(Uuid::v7().str(), ours_.showcases[0], nowMillis())),
                   "unknown judge");
    EXPECT_REFUSED(entry("score.upsert", score(ours_.judges[0], Uuid::v7().str(), nowMillis())),
                   "unknown showcase");
    EXPECT_REFUSED(entry("score.upsert", score(ours_.judges[0], theirs_.showcases[0], nowMillis())),
                   "unknown showcase");
    EXPECT_REFUSED(entry("feedback.create", {{"id", Uuid::v7().str()},
                                             {"event_id", ours_.event.id},
                                             {"author_id", Uuid::v7().str()},
                                             {"showcase_id", ours_.showcases[0]},
                                             {"rating", 5},
                                             {"text", ""},
                                             {"created_at", nowMillis()},
                                             {"device_id", kioskA_->deviceId()}}),
                   "unknown author");
    // Nothing of it reached the central, and kiosk B syncs as before: it has
    // the one real check-in of its event, and nothing waits in quarantine.
    EXPECT_EQ(countPrefix(admin_->digest(ours_.event.id), "score "), 0);
    EXPECT_EQ(countPrefix(admin_->digest(ours_.event.id), "checkin "), 0);
    sync(*kioskB_, b());
    EXPECT_TRUE(SyncEngine::status(*kioskB_).quarantine.empty());
    EXPECT_EQ(countPrefix(kioskB_->digest(theirs_.event.id), "checkin "), 1);
}

TEST_P(DeviceRoleAttacks, ADeviceRegistersGuestsOnlyAndChangesNoOneElse) {
    // A new lead (who would unlock the lead's screens).
    EXPECT_REFUSED(entry("attendee.upsert",
                         person(Uuid::v7().str(), "lead", false, nowMillis(), "m1@example.org")),
                   "a device registers guests only");
    // Fields of another type than the wire format's (a forged payload).
    json oddRole = person(Uuid::v7().str(), "guest", false, nowMillis(), "m2@example.org");
    oddRole["role"] = 5;
    EXPECT_REFUSED(entry("attendee.upsert", oddRole), "a device registers guests only");
    json oddBlocked = person(Uuid::v7().str(), "guest", false, nowMillis(), "m3@example.org");
    oddBlocked["blocked"] = "yes";
    EXPECT_REFUSED(entry("attendee.upsert", oddBlocked), "a device may not block a person");
    // Someone on the roster blocked, stamped in 2100 (would win forever).
    const std::string victim = ours_.attendees[0];
    EXPECT_REFUSED(
        entry("attendee.upsert", person(victim, "guest", true, kYear2100Ms, "p0@example.org")),
        "a device may not block a person");
    EXPECT_REFUSED(
        entry("attendee.upsert", person(victim, "guest", false, kYear2100Ms, "p0@example.org")),
        "s ahead of the central");
    EXPECT_REFUSED(
        entry("attendee.upsert", person(victim, "guest", false, nowMillis(), "p0@example.org")),
        "was not registered by this device");
    // A real walk-in and its check-in, in one batch, go through; so does an
    // edit of that walk-in by the same kiosk.
    std::string walkIn = Uuid::v7().str();
    json ci = checkIn(ours_, walkIn, kioskA_->deviceId());
    PushResult r = central_->push(
        kioskA_->deviceId(),
        {entry("attendee.upsert", person(walkIn, "guest", false, nowMillis(), "w@example.org")),
         entry("checkin.create", ci)});
    EXPECT_EQ(r.applied, 2) << r.refusedReason;
    EXPECT_EQ(refusal(entry("attendee.upsert",
                            person(walkIn, "guest", false, nowMillis() + 1, "w@example.org"))),
              "");
    // The roster as the other kiosk of event A sees it: the victim untouched.
    auto other = openDevice(dir_.file("kiosk-a2.db"), ours_, "kiosk-a2");
    sync(*other, *admin_);
    auto v = other->attendee(victim);
    ASSERT_TRUE(v);
    EXPECT_FALSE(v->blocked);
    EXPECT_EQ(v->fullName, "Person 0");
    EXPECT_TRUE(other->attendee(walkIn));
    for (const auto& a : other->attendees(ours_.event.id)) EXPECT_NE(a.role, Role::Lead);
}

// The allowed clock drift is the central's: a score stamped in 2100 would win
// last-writer-wins forever. On PostgreSQL the device asks for an enormous
// limit (openAsKioskA), in vain.
TEST_P(DeviceRoleAttacks, AScoreFromTheFutureIsRefusedWhateverLimitTheDeviceAsks) {
    EXPECT_REFUSED(entry("score.upsert", score(ours_.judges[0], ours_.showcases[0], kYear2100Ms)),
                   "s ahead of the central");
    EXPECT_EQ(
        refusal(entry("score.upsert", score(ours_.judges[0], ours_.showcases[0], nowMillis()))),
        "");
    json noClock = score(ours_.judges[0], ours_.showcases[0], nowMillis());
    noClock["hlc"] = 5;  // a forged payload: a number where the clock's text belongs
    EXPECT_NE(refusal(entry("score.upsert", noClock)), "");
    if (GetParam() == Backend::Postgres) {
        std::string batch = Uuid::v7().str() + "\x1f" + "score.upsert" + "\x1f" +
                            score(ours_.judges[1], ours_.showcases[1], kYear2100Ms).dump();
        auto rows = pgtools::query(roleUrl_,
                                   "SELECT statuses, refused_reason FROM "
                                   "oh_push($1::uuid, $2, 9000000000000000000)",
                                   {kioskA_->deviceId(), batch});
        EXPECT_EQ(rows.at(0).at(0), "r");
        EXPECT_NE(rows.at(0).at(1).find("ahead of the central"), std::string::npos);
    }
}

// PostgreSQL only (roles exist there only): the role's binding is the owner's,
// not the device's.
class DeviceRoleBinding : public DeviceRoleAttacks {};

TEST_P(DeviceRoleBinding, ARoleIsBoundByTheOwnerToOneEventAndOneDevice) {
    auto fails = [&](const std::string& sql, const std::vector<std::string>& params) {
        try {
            pgtools::query(roleUrl_, sql, params);
        } catch (const std::exception& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    const std::string reg = "SELECT oh_register_device($1::uuid, $2::uuid, 'x', '', '')";
    // No event: before, this pulled every event's people.
    EXPECT_NE(fails("SELECT oh_register_device($1::uuid, NULL, 'x', '', '')", {kioskA_->deviceId()})
                  .find("must name its event"),
              std::string::npos);
    EXPECT_NE(fails(reg, {kioskA_->deviceId(), theirs_.event.id}).find("bound to another event"),
              std::string::npos);
    EXPECT_NE(fails(reg, {Uuid::v7().str(), ours_.event.id}).find("bound to another device"),
              std::string::npos);
    EXPECT_NE(fails("SELECT * FROM oh_pull($1::uuid, '0', 0, 10)", {kioskB_->deviceId()})
                  .find("may not act for device"),
              std::string::npos);
    EXPECT_NE(fails("SELECT oh_bind_device_role(session_user, $1::uuid, $2::uuid)",
                    {theirs_.event.id, kioskA_->deviceId()})
                  .find("permission denied"),
              std::string::npos);
    EXPECT_NE(
        fails("SELECT oh_revoke_device($1::uuid)", {kioskB_->deviceId()}).find("permission denied"),
        std::string::npos);
    EXPECT_EQ(scalar(roleUrl_, "SELECT count(DISTINCT event_id) FROM attendees"), 1);
    // The script refuses a role without an event and a device id.
    EXPECT_NE(shell("bash " OPENHOUSE_SOURCE_DIR "/scripts/create-device-roles.sh create '" +
                    place_.spec + "' kiosk-x > /dev/null 2>&1"),
              0);
    EXPECT_NE(shell("bash " OPENHOUSE_SOURCE_DIR "/scripts/create-device-roles.sh create '" +
                    place_.spec + "' " + ours_.event.id + " kiosk-x > /dev/null 2>&1"),
              0);
    // A fresh role the owner never bound can do nothing at all.
    const std::string fresh = "oh_dev_free_" + Uuid::v7().str().substr(28);
    pgtools::execScript(place_.spec, "CREATE ROLE " + fresh + " LOGIN IN ROLE openhouse_device");
    std::string freshUrl = asUser(place_.spec, fresh);
    std::string error;
    try {
        pgtools::query(freshUrl, reg, {Uuid::v7().str(), theirs_.event.id});
    } catch (const std::exception& e) {
        error = e.what();
    }
    EXPECT_NE(error.find("not bound to a device"), std::string::npos) << error;
    EXPECT_EQ(scalar(freshUrl, "SELECT count(*) FROM attendees"), 0);
    pgtools::execScript(place_.spec, "DROP OWNED BY " + fresh + "; DROP ROLE " + fresh);
}

// Judging closed by the lead: a device that skips its own check (an attacker, an old build)
// still cannot add or change a score stamped from the close on; one written before the
// close and pushed after it counts.
TEST_P(DeviceRoleAttacks, AScoreStampedFromTheJudgingCloseOnIsRefused) {
    const std::int64_t closedAt = nowMillis() - 60'000;
    Store lead = Store::open(dir_.file("admin-a.db"));
    Event event = ours_.event;
    event.judgingClosedAt = closedAt;
    lead.saveEvent(event);
    sync(lead, *admin_);
    const std::string judge = ours_.judges[0], demo = ours_.showcases[0];
    EXPECT_EQ(refusal(entry("score.upsert", score(judge, demo, closedAt))), "judging closed");
    EXPECT_EQ(refusal(entry("score.delete", score(judge, demo, closedAt + 1))), "judging closed");
    EXPECT_EQ(refusal(entry("score.upsert", score(judge, demo, closedAt - 1))), "");
}

// The same for feedback: given (created_at) or withdrawn (deleted_at) from the close on, it
// is refused; given before the close and pushed after it, it counts; the program team may
// still write.
TEST_P(DeviceRoleAttacks, FeedbackGivenOrWithdrawnFromTheJudgingCloseOnIsRefused) {
    const std::int64_t closedAt = nowMillis() - 60'000;
    Store lead = Store::open(dir_.file("admin-a.db"));
    Event event = ours_.event;
    event.judgingClosedAt = closedAt;
    lead.saveEvent(event);
    sync(lead, *admin_);
    EXPECT_EQ(refusal(entry("feedback.create", feedback(closedAt))), "judging closed");
    json before = feedback(closedAt - 1);
    EXPECT_EQ(refusal(entry("feedback.create", before)), "");
    EXPECT_EQ(refusal(entry("feedback.delete", withdrawal(before["id"], closedAt))),
              "judging closed");
    EXPECT_EQ(refusal(entry("feedback.delete", withdrawal(before["id"], closedAt + 1))),
              "judging closed");
    EXPECT_EQ(countPrefix(admin_->digest(ours_.event.id), "feedback "), 1)
        << "the feedback given before the close stands";
    // The program team (a sheet imported after the close, say) is not refused.
    PushResult r =
        admin_->push(Uuid::v7().str(), {entry("feedback.create", feedback(closedAt + 5))});
    EXPECT_EQ(r.applied, 1) << r.refusedReason;
    EXPECT_EQ(refusal(entry("feedback.delete", withdrawal(before["id"], closedAt - 1))), "");
}

// The newest feedback wins, so a stamp from the future would win for good; and what a device
// pushes must be what a store can apply: a whole-number stamp, the three levels 1-5 or none.
TEST_P(DeviceRoleAttacks, FeedbackFromTheFutureOrMalformedIsRefused) {
    EXPECT_REFUSED(entry("feedback.create", feedback(kYear2100Ms)), "s ahead of the central");
    json textStamp = feedback(nowMillis());
    textStamp["created_at"] = std::to_string(nowMillis());
    EXPECT_EQ(refusal(entry("feedback.create", textStamp)), "malformed feedback.create");
    for (const json& answers : {json({4, 4, 9}), json({4, 4}), json({4, 4, 4, 4}), json("444"),
                                json({"4", "4", "4"}), json({4.5, 4, 4})}) {
        json odd = feedback(nowMillis());
        odd["answers"] = answers;
        EXPECT_EQ(refusal(entry("feedback.create", odd)), "malformed feedback.create") << answers;
    }
    json noStamp = withdrawal(Uuid::v7().str(), 0);
    noStamp.erase("deleted_at");
    EXPECT_EQ(refusal(entry("feedback.delete", noStamp)), "malformed feedback.delete");
    EXPECT_EQ(countPrefix(admin_->digest(ours_.event.id), "feedback "), 0);
    // An older device's (no answers), and none given, go through.
    json older = feedback(nowMillis());
    older.erase("answers");
    EXPECT_EQ(refusal(entry("feedback.create", older)), "");
    json none = feedback(nowMillis() + 1);
    none["answers"] = json::array();
    EXPECT_EQ(refusal(entry("feedback.create", none)), "");
}

// Nobody rates a demo they present, or one presented by someone of their own team: devices
// refuse it (core/judging/feedback.hpp); one that skips the check is refused by the central.
TEST_P(DeviceRoleAttacks, FeedbackOnOnesOwnOrOnesTeamsDemoIsRefused) {
    Store lead = Store::open(dir_.file("admin-a.db"));
    auto setTeam = [&](std::size_t person, const std::string& team) {
        Attendee a = *lead.attendee(ours_.attendees[person]);
        a.team = team;
        lead.upsertAttendee(a);
    };
    setTeam(0, "Team Aurora");  // presents demo 0
    setTeam(2, "  team AURORA ");
    setTeam(3, "Team Borealis");
    setTeam(4, "Team Cirrus");
    setTeam(5, "TEAM CIRRUS");
    Showcase teamDemo = *lead.showcase(ours_.showcases[1]);            // person 2 presents it,
    teamDemo.presenterIds = {ours_.attendees[2], ours_.attendees[4]};  // with person 4
    lead.upsertShowcase(teamDemo);
    sync(lead, *admin_);
    auto by = [&](std::size_t author, std::size_t demo) {
        json f = feedback(nowMillis());
        f["author_id"] = ours_.attendees[author];
        f["showcase_id"] = ours_.showcases[demo];
        return refusal(entry("feedback.create", f));
    };
    EXPECT_EQ(by(0, 0), "own team") << "the presenter themself";
    EXPECT_EQ(by(6, 3), "own team") << "the presenter themself, with no team";
    EXPECT_EQ(by(2, 0), "own team") << "a teammate, whatever the case and spaces";
    EXPECT_EQ(by(4, 1), "own team") << "a team demo's second presenter";
    EXPECT_EQ(by(5, 1), "own team") << "that presenter's teammate";
    EXPECT_EQ(by(3, 0), "") << "another team";
    EXPECT_EQ(by(1, 1), "") << "no team";
    EXPECT_EQ(by(6, 2), "") << "no team, a demo whose presenter has one";
    // The program team may still write it (a sheet, say): the conversion rules ignore it.
    json own = feedback(nowMillis());
    own["author_id"] = ours_.attendees[0];
    PushResult r = admin_->push(Uuid::v7().str(), {entry("feedback.create", own)});
    EXPECT_EQ(r.applied, 1) << r.refusedReason;
}

INSTANTIATE_TEST_SUITE_P(Central, DeviceRoleAttacks,
                         testing::Values(Backend::Sqlite, Backend::Postgres), backendName);
INSTANTIATE_TEST_SUITE_P(Central, DeviceRoleBinding, testing::Values(Backend::Postgres),
                         backendName);

}  // namespace

// An encore passed by a forged review would take a slot: only the program team writes them.
TEST_P(DeviceRoleAttacks, AKiosksOwnLoginCannotWriteAnEncoreAssignment) {
    EncoreAssignment forged;
    forged.id = encoreIdFor(ours_.showcases[1], ours_.attendees[2]);
    forged.eventId = ours_.event.id;
    forged.showcaseId = ours_.showcases[1];
    forged.internId = ours_.attendees[2];
    forged.dueAt = nowMillis() + 86'400'000;
    forged.state = EncoreState::Reviewed;
    forged.reviewTotal = 100;
    kioskA_->saveEncore(forged);
    const auto pending = kioskA_->pendingOutbox(10);
    ASSERT_FALSE(pending.empty());
    EXPECT_REFUSED(pending.back(), "kind encore.upsert is for the program team, not a device");
    sync(*kioskA_, *central_);
    auto screen = openDevice(dir_.file("screen.db"), ours_, "screen");
    sync(*screen, *admin_);
    EXPECT_TRUE(screen->encores(ours_.event.id).empty()) << "a device's encore reached another";
}
