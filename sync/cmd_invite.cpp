// `openhouse invites`, `openhouse verify` (badge tokens and slot codes) and `openhouse decode`.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "core/files/private_dir.hpp"
#include "core/files/private_file.hpp"
#include "core/identity/slot_code.hpp"
#include "core/model/ids.hpp"
#include "core/render/image.hpp"
#include "core/render/invite_sheet.hpp"
#include "core/render/qr.hpp"
#include "core/roster/csv.hpp"
#include "core/slots/slot_book.hpp"
#include "core/text/greeting_name.hpp"
#include "core/text/plural.hpp"
#include "core/text/short_name.hpp"
#include "core/text/terminal_text.hpp"
#include "core/time/event_time.hpp"
#include "sync/context.hpp"

namespace oh::cli {

namespace {

constexpr int kPixelsPerModule = 8;

struct InviteOptions {
    std::string event, out;
    bool renew = false;
};

// The codes an earlier run wrote to OUT/mail-merge.csv, by attendee id.
std::map<std::string, std::string> earlierCodes(const std::string& csvPath) {
    std::map<std::string, std::string> codes;
    std::ifstream in(csvPath, std::ios::binary);
    if (!in) return codes;
    std::ostringstream text;
    text << in.rdbuf();
    CsvDocument doc = readCsv(text.str());
    if (doc.records.empty()) return codes;
    const auto& header = doc.records.front().fields;
    auto column = [&header](const char* name) {
        auto it = std::find(header.begin(), header.end(), name);
        return it == header.end() ? -1 : static_cast<int>(it - header.begin());
    };
    const int id = column("attendee_id"), token = column("token");
    if (id < 0 || token < 0) return codes;
    for (std::size_t r = 1; r < doc.records.size(); ++r) {
        const auto& f = doc.records[r].fields;
        if (f.size() == header.size())
            codes[f[static_cast<std::size_t>(id)]] = f[static_cast<std::size_t>(token)];
    }
    return codes;
}

// An earlier code is reused only if it still stands as issued today would: signed by a key
// of this event for this person, not revoked, and valid over the same window.
bool stillGood(const std::string& token, const Attendee& a, const TokenWindow& window,
               const TokenVerifier& verifier) {
    auto claims = parseTokenUnverified(token);
    if (!claims || claims->attendeeId.str() != a.id || claims->validFrom != window.validFrom ||
        claims->validUntil != window.validUntil)
        return false;
    return verifier.verify(token, claims->validFrom).ok();
}

// The window every invitation of the event gets ([invitations] in the configuration).
TokenWindow windowFor(const Context& ctx, const Event& e) {
    const InvitationConfig& margins = ctx.config.invitations;
    return invitationWindow(e.startsAt, e.endsAt, margins.validBeforeStartHours * 3600LL,
                            margins.validAfterEndHours * 3600LL);
}

// A new code for a person. Ed25519 signatures are deterministic, so a code signed in the same
// second as the one it replaces would be the same code: its issue time is moved past the
// earlier code's, so a renewed code always differs (and can be revoked apart from it).
std::string signInvitation(const Attendee& a, const Event& e, const SigningKey& key,
                           const TokenWindow& window, const std::string& earlier) {
    auto issuedAt = static_cast<std::uint32_t>(nowSeconds());
    if (auto before = parseTokenUnverified(earlier); before && before->issuedAt >= issuedAt)
        issuedAt = before->issuedAt + 1;
    TokenClaims c{{},       *Uuid::parse(e.id), *Uuid::parse(a.id),
                  issuedAt, window.validFrom,   window.validUntil};
    return signToken(c, key);
}

void writePrivateText(const std::string& path, const std::string& text) {
    std::string error;
    bool written = writePrivateFileAtomically(path, text, &error);
    if (!written) throw CommandError(kStoreError, "cannot write " + path + ": " + error);
}

struct InviteRun {
    std::string csv;
    std::vector<InviteEntry> sheet;
    int reused = 0, signedNew = 0;
};

InviteRun makeInvitations(Context& ctx, Store& central, const Event& event,
                          const InviteEvent& about, const std::string& outDir, bool renew) {
    const SigningKey key = ctx.keyStore().current(event.id);
    const TokenWindow window = windowFor(ctx, event);
    const TokenVerifier verifier = central.verifierFor(event.id);
    const auto earlier = earlierCodes(outDir + "/mail-merge.csv");
    InviteRun run;
    std::ostringstream csv;
    const CsvWriteOptions guarded{.guardFormulas = true};  // leads open this in a spreadsheet
    const std::vector<std::string> header{"attendee_id", "first_name", "full_name", "email",
                                          "role",        "team",       "event",     "event_date",
                                          "venue",       "token",      "qr_png"};
    writeCsvRecord(csv, header, guarded);
    for (const auto& a : central.attendees(event.id)) {
        auto old = earlier.find(a.id);
        const std::string oldToken = old == earlier.end() ? std::string() : old->second;
        std::string token;
        if (!renew && !oldToken.empty() && stillGood(oldToken, a, window, verifier)) {
            token = oldToken;
            ++run.reused;
        } else {
            token = signInvitation(a, event, key, window, oldToken);
            ++run.signedNew;
        }
        // File names carry ids, never names: folders get listed and shared.
        const std::string png = outDir + "/" + a.id + ".png";
        std::string error;
        if (!writeInviteCardPng(png, token, about, kPixelsPerModule, &error))
            throw CommandError(kStoreError, "cannot write " + png + ": " + error);
        writeCsvRecord(csv,
                       std::vector<std::string>{a.id, greetingName(a.fullName), a.fullName, a.email,
                                                roleName(a.role), a.team, about.name, about.when,
                                                about.venue, token, png},
                       guarded);
        run.sheet.push_back({a.fullName, a.team, roleName(a.role), token});
    }
    run.csv = csv.str();
    return run;
}

void runInvites(Context& ctx, const InviteOptions& o) {
    auto central = ctx.openCentral();
    Event event = ctx.resolveEvent(central, o.event);
    std::string outDir = o.out.empty() ? ctx.home + "/invites" : o.out;
    std::string error;
    if (!makePrivateDirectory(outDir, true, &error))
        throw CommandError(kStoreError, "cannot create the invitations folder: " + error);
    if (central.countAttendees(event.id) == 0)
        throw CommandError(kUsage, "the event has no attendees; import a roster first");
    const InviteEvent about{
        event.name, formatEventWhen(event.startsAt, event.endsAt, event.timezone), event.venue};
    InviteRun run = makeInvitations(ctx, central, event, about, outDir, o.renew);
    const TokenWindow window = windowFor(ctx, event);
    const std::string csvPath = outDir + "/mail-merge.csv";
    // The CSV carries every invitation code: written 0600 from its first byte, at the end.
    writePrivateText(csvPath, run.csv);
    std::string pdf = outDir + "/invites.pdf";
    if (!writeInviteSheetPdf(pdf, run.sheet, about, &error))
        throw CommandError(kStoreError, "cannot write " + pdf + ": " + error);
    central.audit(
        "cli", "invites.generate", event.id,
        std::to_string(run.signedNew) + " signed, " + std::to_string(run.reused) + " reused");
    std::cout << plural(static_cast<std::int64_t>(run.sheet.size()), "invitation", "invitations")
              << ": " << run.signedNew << " newly signed with key "
              << keyIdHex(ctx.keyStore().current(event.id).id) << ", " << run.reused
              << " reused from the earlier run" << (o.renew ? "" : " (--renew signs new ones)")
              << "\n"
              << "  valid from " << formatLocalTime(window.validFrom, event.timezone) << " to "
              << formatLocalTime(window.validUntil, event.timezone) << " " << event.timezone << "\n"
              << "  QR codes     " << outDir << "/<attendee-id>.png\n"
              << "  mail merge   " << csvPath << "\n"
              << "  print sheets " << pdf << "\n";
    if (o.renew) std::cout << "  codes signed before stay valid until revoked\n";
}

// The event whose keys check a code: --event, else the one the code claims (the signature
// check decides), else the only event.
std::string verifyingEvent(Context& ctx, Store& central, const std::string& eventOption,
                           const std::optional<Uuid>& claimed) {
    std::string eventId = eventOption;
    if (eventId.empty()) eventId = claimed ? claimed->str() : ctx.resolveEvent(central, "").id;
    if (!central.event(eventId)) eventId = ctx.resolveEvent(central, "").id;
    return eventId;
}

// A slot code: checked with the same keys as badges; then, when this data folder holds the
// slot, its state (a revoked or declined slot's code gives no slot: exit 1).
void runVerifySlot(Context& ctx, Store& central, const std::string& code,
                   const std::string& eventOption) {
    const auto claimed = parseSlotCodeUnverified(code);
    const std::string eventId = verifyingEvent(
        ctx, central, eventOption, claimed ? std::optional(claimed->eventId) : std::nullopt);
    const SlotCodeResult result = verifySlotCode(central.verifierFor(eventId), code, nowSeconds());
    if (!result.ok()) {
        std::cout << tokenStatusName(result.status) << ": " << slotCodeReason(result) << "\n";
        ctx.exitCode = kFailure;
        return;
    }
    const Event event = *central.event(eventId);
    const SlotCodeClaims& c = *result.claims;
    auto intern = central.attendee(c.internId.str());
    // Names come from a roster: control characters are shown escaped, and only the short name.
    const std::string who = intern ? terminalSafe(shortName(intern->fullName, intern->familyName))
                                   : "intern " + c.internId.str() + " (not in this store)";
    std::cout << "valid slot code: slot " << c.slotId.str() << " for " << who << ", event "
              << terminalSafe(event.name) << ", issued "
              << formatEventDate(c.issuedAt, event.timezone) << "\n"
              << "  intern    " << c.internId.str() << "\n  key       " << keyIdHex(c.keyId)
              << "\n  code      " << slotCodeShortForm(code) << "\n  code id   " << result.codeId
              << "\n";
    ctx.exitCode = kOk;
    // The code is genuine; whether the slot still stands is the slot list's, when it is here.
    if (auto slot = SlotBook(central).slot(c.slotId.str())) {
        std::cout << "  state     " << slot->state << "\n";
        if (!isLive(slot->state)) {
            std::cout << "this slot is " << slot->state << ": the code no longer gives a slot\n";
            ctx.exitCode = kFailure;
        }
    }
}

void runVerify(Context& ctx, const std::string& token, const std::string& eventOption) {
    auto central = ctx.openCentral();
    if (looksLikeSlotCode(token)) return runVerifySlot(ctx, central, token, eventOption);
    auto claims = parseTokenUnverified(token);
    const std::string eventId = verifyingEvent(
        ctx, central, eventOption, claims ? std::optional(claims->eventId) : std::nullopt);
    auto result = central.verifierFor(eventId).verify(token, nowSeconds());
    std::cout << tokenStatusName(result.status) << ": " << tokenStatusReason(result.status) << "\n";
    if (result.claims && result.ok()) {
        auto a = central.attendee(result.claims->attendeeId.str());
        std::cout << "  attendee  " << result.claims->attendeeId.str();
        // The name comes from a roster or a walk-in: control characters are shown escaped.
        if (a)
            std::cout << " (" << terminalSafe(shortName(a->fullName, a->familyName)) << ", "
                      << roleName(a->role) << ")";
        std::cout << "\n  valid     " << isoUtc(result.claims->validFrom) << " to "
                  << isoUtc(result.claims->validUntil) << "\n  key       "
                  << keyIdHex(result.claims->keyId) << "\n  token id  " << result.tokenId << "\n";
    }
    ctx.exitCode = result.ok() ? kOk : kFailure;
}

// The kiosk's path: a LiveDecoder fed the same still frame, as a camera held on
// a printed code would deliver it, until its harder and inverted passes ran.
std::optional<std::string> decodeStill(const GrayImage& image) {
    LiveDecoder decoder;
    for (int frame = 0; frame < 10; ++frame)
        if (auto text = decoder.decode(FrameView::of(image))) return text;
    return std::nullopt;
}

void runDecode(Context& ctx, const std::vector<std::string>& images) {
    bool allRead = true;
    for (const auto& path : images) {
        std::string error;
        auto image = readImageGray(path, &error);
        if (!image) {
            // readImageGray has checked the file type and the image's size before decoding.
            std::cerr << "openhouse: error: " << terminalSafe(error) << "\n";
            allRead = false;
            continue;
        }
        auto text = decodeStill(*image);
        if (!text) {
            std::cerr << "openhouse: error: " << terminalSafe(path)
                      << ": no readable QR code (check focus, glare and that the whole code "
                         "with its white border is in the picture)\n";
            allRead = false;
            continue;
        }
        // A QR code can carry any bytes: shown escaped, it cannot drive the terminal.
        std::cout << (images.size() > 1 ? terminalSafe(path) + ": " : std::string())
                  << terminalSafe(*text) << "\n";
    }
    ctx.exitCode = allRead ? kOk : kDataError;
}

}  // namespace

void addInviteCommands(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<InviteOptions>();
    auto* invites = app.add_subcommand(
        "invites", "Sign an invitation per attendee: QR PNGs, a mail-merge CSV, print sheets");
    invites->add_option("--event", o->event, "Event id (default: the only event)");
    invites->add_option("--out", o->out, "Output folder (default HOME/invites)");
    invites->add_flag("--renew", o->renew,
                      "Sign new codes for everyone (default: reuse the codes of the earlier run "
                      "in the output folder that are still good)");
    invites->callback([&ctx, o] { runInvites(ctx, *o); });

    auto token = std::make_shared<std::string>();
    auto eventId = std::make_shared<std::string>();
    auto* verify = app.add_subcommand(
        "verify", "Check a badge token or a slot code offline; exit 0 only if valid");
    verify->add_option("token", *token, "The code's text (OH:... or OHS:...)")->required();
    verify->add_option("--event", *eventId, "Event id (default: the one the code names)");
    verify->callback([&ctx, token, eventId] { runVerify(ctx, *token, *eventId); });

    auto images = std::make_shared<std::vector<std::string>>();
    auto* decode = app.add_subcommand(
        "decode", "Print the text the kiosk's decoder reads from images; exit 3 if one has none");
    decode->add_option("images", *images, "PNG or JPEG files")->required();
    decode->callback([&ctx, images] { runDecode(ctx, *images); });
}

}  // namespace oh::cli
