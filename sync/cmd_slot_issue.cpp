// Issued conversion slots from the command line (README, "Issuing slots"):
//   openhouse slots --issue [--device NAME]   issue now what the rules select
//   openhouse slots --issued [--device NAME]  the issued slots and their states
//   openhouse slots accept|decline|expire|revoke|hold|release SLOT [--reason TEXT]
//   openhouse slots grant EMAIL --reason TEXT  a lead's grant by hand, from the pool
//   openhouse slots card SLOT [--out F.pdf] [--size a6|4x6]  the slot card, with its signed code
//   openhouse grants                           grants per device and the budget left
// A lead's acts and the listings use the central record with the program team's rights
// (the embedded central file, or the PostgreSQL owner's login); --device works on a device's
// store, from its own grant, also offline.
#include <fmt/format.h>

#include <cstdlib>
#include <iostream>

#include "core/central/central.hpp"
#include "core/files/private_dir.hpp"
#include "core/identity/slot_code.hpp"
#include "core/render/slot_card.hpp"
#include "core/slots/issuing.hpp"
#include "core/slots/slot_book.hpp"
#include "core/sync/slot_sync.hpp"
#include "core/text/short_name.hpp"
#include "core/text/terminal_text.hpp"
#include "core/time/event_time.hpp"
#include "sync/context.hpp"

namespace oh::cli {

namespace {

std::unique_ptr<CentralRecord> openAdminCentral(Context& ctx) {
    CentralOptions options;
    options.admin = true;
    options.grantMarginMs = ctx.config.slots.reclaimMarginMs;
    try {
        return openCentralRecord(ctx.centralSpec(), options);
    } catch (const CentralError& e) {
        throw CommandError(kFailure, e.what());
    }
}

std::string actorName() {
    const char* user = std::getenv("USER");
    return user && *user ? user : "lead";
}

// "Ana G. - Data pipeline refactor" for a slot, from what the store knows.
std::string whoAndWhat(Store& store, const Slot& s) {
    std::string who = s.internId;
    if (auto a = store.attendee(s.internId)) who = shortName(a->fullName, a->familyName);
    std::string what;
    if (!s.showcaseId.empty())
        if (auto d = store.showcase(s.showcaseId)) what = " \u2013 " + d->title;
    return terminalSafe(who + what);
}

void printSlot(Store& store, const Slot& s) {
    std::string by = s.deviceId.empty() ? "by hand" : s.deviceId.substr(0, 8);
    if (!s.deviceId.empty())
        if (auto name = store.deviceName(s.deviceId)) by = *name;
    std::cout << fmt::format("  {} {:<9} {}  {} {}{}\n", s.id, s.state, whoAndWhat(store, s),
                             isoUtc(s.issuedAt / 1000), terminalSafe(by),
                             s.reason.empty() ? "" : " (" + terminalSafe(s.reason) + ")");
}

// A lead on the embedded central: each selected decision granted from the pool.
void issueOnCentral(Context& ctx, const std::string& eventArg) {
    Store store = ctx.openCentral();
    Event event = ctx.resolveEvent(store, eventArg);
    auto central = openAdminCentral(ctx);
    SlotBook book(store);
    int issued = 0;
    for (const auto& d : decisionsToIssue(store, book, event.id, ctx.config.conversion,
                                          ctx.config.slots, nowMillis(), true)) {
        Slot s;
        s.eventId = event.id;
        s.internId = d.internId;
        s.showcaseId = d.showcaseId;
        s.explanation = slotExplanation(d);
        Slot out = central->grantSlotByHand(s, actorName(), "issued by the lead by the rules");
        printSlot(store, out);
        if (out.state == "issued") ++issued;
    }
    std::cout << fmt::format("{} slots issued on {}\n", issued, central->describe());
}

// A device: from its own grant (asked for now if the central is reachable), also offline.
void issueOnDevice(Context& ctx, const std::string& eventArg, const std::string& device) {
    Store store = ctx.openDevice(device);
    Event event = ctx.resolveEvent(store, eventArg);
    SlotBook book(store);
    SlotDuty duty{event.id, ctx.config.conversion, ctx.config.slots, {}};
    const auto due =
        decisionsToIssue(store, book, event.id, duty.rules, duty.policy, nowMillis(), true);
    duty.policy.mode = IssueMode::Immediate;  // the lead's hand: ask for a grant if needed
    duty.policy.grantSize = std::max<int>(duty.policy.grantSize, static_cast<int>(due.size()));
    std::unique_ptr<CentralRecord> central;
    try {
        CentralOptions options;
        options.createIfMissing = false;
        central = openCentralRecord(ctx.centralSpec(), options);
        exchangeSlots(store, book, *central, duty);
    } catch (const CentralError& e) {
        std::cout << "the central is away (" << e.what()
                  << "): issuing from this device's grant only\n";
        central.reset();
    }
    int issued = 0;
    for (const auto& d : due) {
        LocalIssue r = issueFromGrant(store, book, d, event.id, nowMillis());
        if (r.status == LocalIssueStatus::NoGrant) {
            std::cout << "no grant left on " << terminalSafe(device) << " for the rest\n";
            ctx.exitCode = kFailure;
            break;
        }
        if (r.status == LocalIssueStatus::Issued) ++issued;
    }
    if (central) exchangeSlots(store, book, *central, duty);
    for (const auto& s : book.slots(event.id))
        if (s.deviceId == store.deviceId()) printSlot(store, s);
    std::cout << fmt::format("{} slots issued on {}{}\n", issued, terminalSafe(device),
                             central ? "" : " (to be confirmed at the next sync)");
}

struct ActOptions {
    std::string slot, reason, event, intern, demo, out, size = "a6";
};

// The slot card of a live slot: its code signed with the event's current key (the admin
// laptop's key file), the intern's strength as the compliment, 0600 in HOME/exports.
void runCard(Context& ctx, const ActOptions& o) {
    Store store = ctx.openCentral();
    Event event = ctx.resolveEvent(store, o.event);
    std::optional<Slot> slot;
    for (auto& s : openAdminCentral(ctx)->slots(event.id))
        if (s.id == o.slot) slot = s;
    if (!slot) throw CommandError(kUsage, "no slot " + o.slot + " in " + terminalSafe(event.name));
    if (!isLive(slot->state))
        throw CommandError(kFailure, "slot is " + slot->state + ": it gets no card");
    const auto intern = store.attendee(slot->internId);
    const auto demo = slot->showcaseId.empty() ? std::nullopt : store.showcase(slot->showcaseId);
    SlotCodeClaims claims;
    claims.eventId = *Uuid::parse(event.id);
    claims.slotId = *Uuid::parse(slot->id);
    claims.internId = *Uuid::parse(slot->internId);
    claims.issuedAt = slotCodeSeconds(slot->issuedAt);
    SlotCardContent card;
    card.eventName = event.name;
    card.fullName = intern ? intern->fullName : "";
    card.demoTitle = demo ? demo->title : "";
    // The rules' explanation names a slot an encore won (core/decisions/conversion.hpp).
    card.throughEncore = slot->explanation.rfind(kEncorePassedRule, 0) == 0;
    card.compliment = intern ? intern->strengths : "";
    // A roster's strengths read on inside a sentence ("your churn model ..."): a card's
    // compliment stands alone.
    if (!card.compliment.empty() && card.compliment[0] >= 'a' && card.compliment[0] <= 'z')
        card.compliment[0] = static_cast<char>(card.compliment[0] - 'a' + 'A');
    card.issuedOn = formatEventDate(slot->issuedAt / 1000, event.timezone);
    card.code = signSlotCode(ctx.keyStore().current(event.id), claims);
    card.shortCode = slotCodeShortForm(card.code);
    std::string out = o.out;
    if (out.empty()) {
        std::string why;
        if (!makePrivateDirectory(ctx.home + "/exports", false, &why))
            throw CommandError(kStoreError, why);
        out = ctx.home + "/exports/slot-" + slot->id.substr(0, 8) + ".pdf";
    }
    const auto size = o.size == "4x6" ? BadgeSize::Badge4x6 : BadgeSize::A6;
    const SlotCardResult r = renderSlotCardPdf(out, card, size);
    if (!r.ok) throw CommandError(kStoreError, r.error);
    std::cout << "slot card: " << out << " (" << o.size << ", mode 0600), code " << card.shortCode
              << "\n";
}

void runAct(Context& ctx, const std::string& act, const ActOptions& o) {
    auto central = openAdminCentral(ctx);
    try {
        Slot s = central->actOnSlot(
            {o.slot, act, actorName() + " on " + ctx.config.deviceName, "", o.reason, 0, "", ""});
        std::cout << fmt::format("slot {} is now {}\n", s.id, s.state);
    } catch (const SlotRefused& e) {
        throw CommandError(kFailure, e.what());
    }
}

void runGrantByHand(Context& ctx, const ActOptions& o) {
    Store store = ctx.openCentral();
    Event event = ctx.resolveEvent(store, o.event);
    auto person = store.attendeeByEmail(event.id, o.intern);
    if (!person) person = store.attendee(o.intern);
    if (!person || person->eventId != event.id)
        throw CommandError(kUsage, "no such person in " + terminalSafe(event.name));
    Slot s;
    s.eventId = event.id;
    s.internId = person->id;
    s.showcaseId = o.demo;
    try {
        Slot out = openAdminCentral(ctx)->grantSlotByHand(
            s, actorName() + " on " + ctx.config.deviceName, o.reason);
        printSlot(store, out);
        if (out.state != "issued") ctx.exitCode = kFailure;
    } catch (const SlotRefused& e) {
        throw CommandError(kFailure, e.what());
    }
}

void runGrants(Context& ctx, const std::string& eventArg) {
    Store store = ctx.openCentral();
    Event event = ctx.resolveEvent(store, eventArg);
    auto central = openAdminCentral(ctx);
    const BudgetView b = central->budget(event.id);
    std::cout << fmt::format("{}: budget {}, {} live slots, {} held in grants, {} free\n",
                             terminalSafe(event.name), b.budget, b.live, b.outstanding, b.free());
    for (const auto& g : central->grants(event.id)) {
        std::string device = g.deviceId.substr(0, 8);
        if (auto name = store.deviceName(g.deviceId)) device = *name;
        std::cout << fmt::format("  {:<12} {} of {} used, {} {}\n", terminalSafe(device), g.used,
                                 g.size, g.endedAt ? g.endedHow : "expires",
                                 isoUtc((g.endedAt ? g.endedAt : g.expiresAt) / 1000));
    }
}

}  // namespace

void issueSlotsNow(Context& ctx, const std::string& event, const std::string& device) {
    if (device.empty())
        issueOnCentral(ctx, event);
    else
        issueOnDevice(ctx, event, device);
}

void printIssuedSlots(Context& ctx, const std::string& eventArg, const std::string& device) {
    Store store = device.empty() ? ctx.openCentral() : ctx.openDevice(device);
    Event event = ctx.resolveEvent(store, eventArg);
    std::vector<Slot> slots;
    if (device.empty())
        slots = openAdminCentral(ctx)->slots(event.id);
    else
        slots = SlotBook(store).slots(event.id);
    for (const auto& s : slots) {
        printSlot(store, s);
        if (!s.explanation.empty()) std::cout << "      " << terminalSafe(s.explanation) << "\n";
    }
    std::cout << fmt::format("{}; budget {}\n", slotStateCounts(slots), event.slotBudget);
}

void addSlotActCommands(CLI::App& slots, Context& ctx) {
    for (const char* act : {"accept", "decline", "expire", "revoke", "hold", "release"}) {
        auto o = std::make_shared<ActOptions>();
        auto* cmd = slots.add_subcommand(
            act, std::string("A lead's act on a slot: ") + act + " (logged with who, where, when)");
        cmd->add_option("slot", o->slot, "The slot's id ('openhouse slots --issued')")->required();
        cmd->add_option("--reason", o->reason, "Why (required to revoke or hold)");
        const std::string name = act;
        cmd->callback([&ctx, o, name] { runAct(ctx, name, *o); });
    }
    auto c = std::make_shared<ActOptions>();
    auto* card = slots.add_subcommand("card", "Print a live slot's card, with its signed code");
    card->add_option("slot", c->slot, "The slot's id ('openhouse slots --issued')")->required();
    card->add_option("--out", c->out, "The PDF (default: HOME/exports/slot-ID.pdf)");
    card->add_option("--size", c->size, "a6 or 4x6 (the badge printer)")
        ->check(CLI::IsMember({"a6", "4x6"}));
    card->add_option("--event", c->event, "Event id (default: the only event)");
    card->callback([&ctx, c] { runCard(ctx, *c); });
    auto o = std::make_shared<ActOptions>();
    auto* grant =
        slots.add_subcommand("grant", "Grant a slot by hand, from the pool, with a reason");
    grant->add_option("intern", o->intern, "The intern's e-mail (or id)")->required();
    grant->add_option("--reason", o->reason, "Why (required)")->required();
    grant->add_option("--demo", o->demo, "The demo's id");
    grant->add_option("--event", o->event, "Event id (default: the only event)");
    grant->callback([&ctx, o] { runGrantByHand(ctx, *o); });
}

void addGrantCommands(CLI::App& app, Context& ctx) {
    auto event = std::make_shared<std::string>();
    auto* grants =
        app.add_subcommand("grants", "Grants of the slot budget per device, and what is left");
    grants->add_option("--event", *event, "Event id (default: the only event)");
    grants->callback([&ctx, event] { runGrants(ctx, *event); });
}

}  // namespace oh::cli
