// `openhouse invites`, `openhouse verify` and `openhouse decode`.
#include <cstdio>
#include <iostream>
#include <sstream>

#include "core/files/private_dir.hpp"
#include "core/files/private_file.hpp"
#include "core/model/ids.hpp"
#include "core/render/image.hpp"
#include "core/render/invite_sheet.hpp"
#include "core/render/qr.hpp"
#include "core/roster/csv.hpp"
#include "core/text/short_name.hpp"
#include "core/text/terminal_text.hpp"
#include "sync/context.hpp"

namespace oh::cli {

namespace {

constexpr int kPixelsPerModule = 8;
// Invitations stay valid through the evening after the event.
constexpr std::int64_t kGraceAfterEnd = 12 * 3600;

struct InviteOptions {
    std::string event, out;
};

std::string tokenFor(const Attendee& a, const Event& e, const SigningKey& key) {
    auto now = static_cast<std::uint32_t>(nowSeconds());
    TokenClaims c{{},  *Uuid::parse(e.id), *Uuid::parse(a.id),
                  now, now - 60,           static_cast<std::uint32_t>(e.endsAt + kGraceAfterEnd)};
    return signToken(c, key);
}

void writeQrPng(const std::string& path, const std::string& token) {
    auto code = encodeQr(token, 'M');
    if (!code) throw CommandError(kFailure, "cannot encode a QR code for " + path);
    std::string error;
    if (!writePng(path, renderQr(*code, kPixelsPerModule), &error))
        throw CommandError(kStoreError, "cannot write " + path + ": " + error);
}

void runInvites(Context& ctx, const InviteOptions& o) {
    auto central = ctx.openCentral();
    Event event = ctx.resolveEvent(central, o.event);
    SigningKey key = ctx.keyStore().current(event.id);
    std::string outDir = o.out.empty() ? ctx.home + "/invites" : o.out;
    std::string error;
    if (!makePrivateDirectory(outDir, true, &error))
        throw CommandError(kStoreError, "cannot create the invitations folder: " + error);

    auto people = central.attendees(event.id);
    if (people.empty())
        throw CommandError(kUsage, "the event has no attendees; import a roster first");
    std::string csvPath = outDir + "/mail-merge.csv";
    // The CSV carries every invitation code: written 0600 from its first byte, at the end.
    std::ostringstream csv;
    CsvWriteOptions guarded;
    guarded.guardFormulas = true;  // leads open this in a spreadsheet
    std::vector<std::string> header{"attendee_id", "full_name", "email", "role",
                                    "team",        "token",     "qr_png"};
    writeCsvRecord(csv, header, guarded);
    std::vector<InviteEntry> sheet;
    for (const auto& a : people) {
        std::string token = tokenFor(a, event, key);
        // File names carry ids, never names: folders get listed and shared.
        std::string png = outDir + "/" + a.id + ".png";
        writeQrPng(png, token);
        std::vector<std::string> row{a.id,   a.fullName, a.email, roleName(a.role),
                                     a.team, token,      png};
        writeCsvRecord(csv, row, guarded);
        sheet.push_back({a.fullName, a.team, roleName(a.role), token});
    }
    const std::string csvText = csv.str();
    bool written = writePrivateFileAtomically(
        csvPath,
        [&csvText](std::FILE* file, std::string* fillError) {
            if (std::fwrite(csvText.data(), 1, csvText.size(), file) == csvText.size()) return true;
            *fillError = "write failed (disk full?)";
            return false;
        },
        &error);
    if (!written) throw CommandError(kStoreError, error);
    std::string pdf = outDir + "/invites.pdf";
    if (!writeInviteSheetPdf(pdf, sheet, event.name, &error))
        throw CommandError(kStoreError, "cannot write " + pdf + ": " + error);
    central.audit("cli", "invites.generate", event.id, std::to_string(people.size()));
    std::cout << people.size() << " invitations signed with key " << keyIdHex(key.id) << "\n"
              << "  QR codes     " << outDir << "/<attendee-id>.png\n"
              << "  mail merge   " << csvPath << "\n"
              << "  print sheets " << pdf << "\n";
}

void runVerify(Context& ctx, const std::string& token, const std::string& eventOption) {
    auto central = ctx.openCentral();
    std::string eventId = eventOption;
    if (eventId.empty()) {
        // The event a code claims; the signature check below decides.
        auto claims = parseTokenUnverified(token);
        eventId = claims ? claims->eventId.str() : ctx.resolveEvent(central, "").id;
    }
    if (!central.event(eventId)) eventId = ctx.resolveEvent(central, "").id;
    auto result = central.verifierFor(eventId).verify(token, nowSeconds());
    std::cout << tokenStatusName(result.status) << ": " << tokenStatusReason(result.status) << "\n";
    if (result.claims && result.ok()) {
        auto a = central.attendee(result.claims->attendeeId.str());
        std::cout << "  attendee  " << result.claims->attendeeId.str();
        // The name comes from a roster or a walk-in: control characters are shown escaped.
        if (a)
            std::cout << " (" << terminalSafe(shortName(a->fullName)) << ", " << roleName(a->role)
                      << ")";
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
    invites->callback([&ctx, o] { runInvites(ctx, *o); });

    auto token = std::make_shared<std::string>();
    auto eventId = std::make_shared<std::string>();
    auto* verify = app.add_subcommand("verify", "Check a token offline; exit 0 only if valid");
    verify->add_option("token", *token, "The token text (OH:...)")->required();
    verify->add_option("--event", *eventId, "Event id (default: the one the token names)");
    verify->callback([&ctx, token, eventId] { runVerify(ctx, *token, *eventId); });

    auto images = std::make_shared<std::vector<std::string>>();
    auto* decode = app.add_subcommand(
        "decode", "Print the text the kiosk's decoder reads from images; exit 3 if one has none");
    decode->add_option("images", *images, "PNG or JPEG files")->required();
    decode->callback([&ctx, images] { runDecode(ctx, *images); });
}

}  // namespace oh::cli
