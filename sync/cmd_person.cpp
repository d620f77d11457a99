// `openhouse person block|unblock|revoke`: the program team refuses a person's
// codes. Blocking refuses every code of the person and their name in search
// (the kiosk's "blocked" screen); revoking refuses one code (a screenshot
// that went round; the kiosk's "revoked" screen) while the person's other
// codes still work. Written to the central record as the program team's
// records (audited), which reach every kiosk at its next sync; with a
// PostgreSQL central (--central, $OPENHOUSE_CENTRAL, sync.central) they are
// pushed there at once too, as the owner.
#include <iostream>

#include "core/central/central.hpp"
#include "core/model/ids.hpp"
#include "core/text/email.hpp"
#include "sync/context.hpp"

namespace oh::cli {

namespace {

struct PersonOptions {
    std::string who;  // e-mail or attendee id
    std::string event;
    std::string reason;
    std::string token;    // revoke: the code to refuse
    std::string central;  // a PostgreSQL central to write to as well
};

// The person named by id or e-mail, in the event.
Attendee findPerson(Store& central, const Event& event, const std::string& who) {
    std::optional<Attendee> person;
    if (Uuid::parse(who)) person = central.attendee(who);
    if (!person) person = central.attendeeByEmail(event.id, normalizeEmail(who));
    if (!person || person->eventId != event.id)
        throw CommandError(kUsage, "nobody with that e-mail or id is on the roster of " +
                                       event.name + " (ids and e-mails as in the roster export)");
    return *person;
}

void runBlock(Context& ctx, const PersonOptions& o, bool blocked) {
    auto central = ctx.openCentral();
    Event event = ctx.resolveEvent(central, o.event);
    Attendee person = findPerson(central, event, o.who);
    const std::int64_t before = lastOutboxSeq(central);
    if (person.blocked != blocked) {
        sql::Transaction tx(central.db());
        central.setBlocked(person.id, blocked);
        central.audit("cli", blocked ? "person.block" : "person.unblock", person.id, o.reason);
        tx.commit();
    }
    pushProgramRecords(ctx, o.central, central, before);
    std::cout << "person " << person.id << (blocked ? " blocked" : " unblocked")
              << (blocked ? ": every code of theirs and their name in search are refused"
                          : ": their codes work again")
              << " on each kiosk after its next sync\n";
}

void runRevoke(Context& ctx, const PersonOptions& o) {
    auto central = ctx.openCentral();
    Event event = ctx.resolveEvent(central, o.event);
    Attendee person = findPerson(central, event, o.who);
    if (o.token.empty())
        throw CommandError(kUsage,
                           "give the code to revoke with --token OH:... (codes are not stored, "
                           "so one is named by its text); to refuse every code of this person, "
                           "use 'openhouse person block'");
    auto verified = central.verifierFor(event.id).verify(o.token, nowMillis() / 1000);
    const bool signedHere = verified.claims && verified.status != TokenStatus::Malformed &&
                            verified.status != TokenStatus::WrongEvent &&
                            verified.status != TokenStatus::UnknownKey &&
                            verified.status != TokenStatus::BadSignature;
    if (!signedHere)
        throw CommandError(kUsage, std::string("that is not a code of this event: ") +
                                       tokenStatusName(verified.status));
    if (verified.claims->attendeeId.str() != person.id)
        throw CommandError(kUsage, "that code belongs to someone else (attendee " +
                                       verified.claims->attendeeId.str() + ")");
    const std::int64_t before = lastOutboxSeq(central);
    {
        sql::Transaction tx(central.db());
        central.revokeToken(event.id, verified.tokenId, o.reason);
        central.audit("cli", "token.revoke", person.id, verified.tokenId);
        tx.commit();
    }
    pushProgramRecords(ctx, o.central, central, before);
    std::cout << "code " << verified.tokenId << " of person " << person.id
              << " revoked: each kiosk refuses it after its next sync\n";
}

}  // namespace

void addPersonCommands(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<PersonOptions>();
    auto* person =
        app.add_subcommand("person", "Refuse a person's codes: block or unblock them, revoke one");
    person->require_subcommand(1);
    auto common = [o](CLI::App* cmd) {
        cmd->add_option("who", o->who, "The person's e-mail or attendee id")->required();
        cmd->add_option("--event", o->event, "Event id (default: the only event)");
        cmd->add_option("--central", o->central,
                        "A PostgreSQL central to write to as well (postgresql://OWNER@...; "
                        "default: $OPENHOUSE_CENTRAL, then the configuration's sync.central)");
    };
    auto* block = person->add_subcommand(
        "block", "Refuse every code of this person and their name in search, on every kiosk");
    common(block);
    block->add_option("--reason", o->reason, "Why (kept in the audit log)");
    block->callback([&ctx, o] { runBlock(ctx, *o, true); });
    auto* unblock = person->add_subcommand("unblock", "Let this person's codes work again");
    common(unblock);
    unblock->callback([&ctx, o] { runBlock(ctx, *o, false); });
    auto* revoke = person->add_subcommand(
        "revoke", "Refuse one code of this person (--token); their other codes still work");
    common(revoke);
    revoke->add_option("--token", o->token, "The code to revoke (OH:...)");
    revoke->add_option("--reason", o->reason, "Why (kept with the revocation)");
    revoke->callback([&ctx, o] { runRevoke(ctx, *o); });
}

}  // namespace oh::cli
