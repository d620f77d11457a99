#include "kiosk/session.hpp"

#include "core/judging/showcase_program.hpp"
#include "kiosk/screen_ids.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "core/model/ids.hpp"
#include "kiosk/screen.hpp"

namespace oh::kiosk {

namespace {

CheckInView::Badge badgeFrom(PrintOutcome::Status s) {
    switch (s) {
        case PrintOutcome::Status::Printed:
            return CheckInView::Badge::Printed;
        case PrintOutcome::Status::Spooled:
            return CheckInView::Badge::Spooled;
        case PrintOutcome::Status::Failed:
            return CheckInView::Badge::Failed;
    }
    return CheckInView::Badge::Failed;
}

}  // namespace

StoreWatch* Session::watch() {
    if (!desk_) return nullptr;
    if (!watch_) {
        StoreWatchSettings w;
        w.storePath = setup_.storePath;
        w.eventId = event_.id;
        w.adminStorePath = setup_.adminStorePath;
        w.rules = setup_.config.conversion;
        w.rubric = setup_.config.judging.rubric;
        w.exportsFolder = setup_.exportsFolder;
        w.wake = setup_.wake;
        watch_ = std::make_unique<StoreWatch>(std::move(w));
    }
    return watch_.get();
}

Session::Session(SessionSetup setup)
    : setup_(std::move(setup)),
      leadPin_(setup_.config.kiosk.leadPinHash, setup_.wake),
      staffPin_(setup_.config.kiosk.staffPinHash, setup_.wake) {
    if (!setup_.storePath.empty()) {
        if (!std::filesystem::exists(setup_.storePath)) {
            throw std::runtime_error("no device store at " + setup_.storePath +
                                     "; enrol this kiosk first: openhouse enrol --device NAME");
        }
        Store store = Store::open(setup_.storePath);
        std::string eventId = setup_.eventId;
        if (eventId.empty()) eventId = setup_.config.eventId;
        if (eventId.empty()) eventId = store.meta("event_id").value_or("");
        if (eventId.empty()) {
            auto all = store.events();
            if (all.size() != 1) {
                throw std::runtime_error(
                    setup_.storePath + " holds " + std::to_string(all.size()) +
                    " events; enrol the device for one event (or set the event in the config)");
            }
            eventId = all.front().id;
        }
        auto event = store.event(eventId);
        if (!event)
            throw std::runtime_error(setup_.storePath + " has no event " + eventId +
                                     "; enrol the device again");
        event_ = *event;
        {
            auto people = store.attendees(eventId);
            index_.build(people);
            spdlog::info("kiosk: event {} with {} people on the roster", eventId, people.size());
        }
        DeskSettings ds;
        ds.printerQueue = setup_.config.kiosk.printer;
        ds.spoolDir = setup_.spoolDir;
        ds.lpCommand = setup_.lpCommand;
        ds.printTimeout = setup_.printTimeout;
        ds.printBackoff = setup_.printBackoff;
        ds.refreshEvery = setup_.refreshEvery;
        if (auto size = parseBadgeSize(setup_.config.kiosk.badgeSize)) ds.badgeSize = *size;
        ds.badgeLanguage = setup_.config.kiosk.language;
        desk_ = std::make_unique<DeskService>(std::move(store), eventId, ds, setup_.wake);
    }
    FloorSettings fs{event_.id, setup_.config.judging.rubric, setup_.config.conversion.quorum,
                     setup_.storePath.empty() ? "" : draftFolderFor(setup_.storePath)};
    floor_ = std::make_unique<FloorSession>(desk_.get(), std::move(fs), setup_.config.judging);
    camera_ = std::make_unique<CameraWorker>(setup_.camera, setup_.wake);
}

Session::~Session() {
    watch_.reset();
    camera_.reset();
    desk_.reset();  // finishes queued check-ins and badges first
}

bool Session::acceptsScans(std::string_view id) {
    return id == screen_id::attract || id == screen_id::search || id == screen_id::welcome ||
           isFailureScreen(id);
}

bool Session::identifiesByScan(std::string_view id) {
    return id == screen_id::scoring || id == screen_id::feedback;
}

std::string Session::failureScreenFor(CheckInStatus status) {
    switch (status) {
        case CheckInStatus::AlreadyCheckedIn:
            return failureScreenId(FailureReason::AlreadyCheckedIn);
        case CheckInStatus::Unknown:
            return failureScreenId(FailureReason::Unknown);
        case CheckInStatus::Malformed:
            return failureScreenId(FailureReason::Unreadable);
        case CheckInStatus::UnknownKey:
        case CheckInStatus::BadSignature:
            return failureScreenId(FailureReason::InvalidSignature);
        case CheckInStatus::WrongEvent:
            return failureScreenId(FailureReason::WrongEvent);
        case CheckInStatus::NotYetValid:
            return failureScreenId(FailureReason::NotYetValid);
        case CheckInStatus::Expired:
            return failureScreenId(FailureReason::Expired);
        case CheckInStatus::Revoked:
        case CheckInStatus::DeviceRevoked:
            return failureScreenId(FailureReason::Revoked);
        case CheckInStatus::Blocked:
            return failureScreenId(FailureReason::Blocked);
        case CheckInStatus::Ok:
            return screen_id::welcome;
    }
    return failureScreenId(FailureReason::Unknown);
}

std::optional<std::int64_t> Session::clockWarningMs() const {
    constexpr std::int64_t kTolerableMs = 60'000;
    if (!clockOffsetMs_ || std::llabs(*clockOffsetMs_) <= kTolerableMs) return std::nullopt;
    return clockOffsetMs_;
}

CameraState Session::cameraState() const {
    return camera_ ? camera_->state() : CameraState::Off;
}

std::vector<SearchHit> Session::search(const std::string& query, int limit) const {
    if (!desk_) return {};
    return index_.search(query, limit);
}

void Session::checkIn(const std::string& attendeeId) {
    if (desk_ && !checkInPending()) checkInRequest_ = desk_->submitCheckIn(attendeeId);
}

void Session::submitWalkIn(WalkInForm form) {
    if (!desk_ || walkInPending()) return;
    walkInProblem_.clear();
    walkInRequest_ = desk_->submitWalkIn(std::move(form));
    checkInRequest_ = walkInRequest_;
}

void Session::staffUndo(const std::string& attendeeId) {
    if (desk_) desk_->submitUndo(attendeeId);
}

void Session::staffReprint(const std::string& attendeeId) {
    if (desk_) desk_->submitReprint(attendeeId);
}

void Session::pump(AppContext& ctx) {
    // The camera follows --camera-file and the scenario's `camera` step.
    if (camera_ && (ctx.model.cameraPath != cameraPathSeen_ ||
                    ctx.model.cameraGeneration != cameraGenerationSeen_)) {
        cameraPathSeen_ = ctx.model.cameraPath;
        cameraGenerationSeen_ = ctx.model.cameraGeneration;
        camera_->setSource(cameraPathSeen_, cameraGenerationSeen_);
    }
    ctx.model.cameraState = cameraState();

    const std::string current = ctx.currentScreen;
    std::vector<std::pair<std::string, std::string>> scans;  // (code, method)
    if (camera_) {
        for (auto& code : camera_->takeCodes()) scans.emplace_back(std::move(code), "qr");
    }
    for (auto& code : ctx.scannedCodes) scans.emplace_back(std::move(code), "scanner");
    ctx.scannedCodes.clear();
    for (auto& [code, method] : scans) {
        if (!desk_) {
            spdlog::warn("kiosk: a code was scanned but this kiosk has no store");
            continue;
        }
        if (identifiesByScan(current)) {
            floor_->identify(code);  // taken: the camera need not report it again
            continue;
        }
        if (current == screen_id::feedbackPick) {
            if (auto demo = parseDemoCode(code)) scannedDemo_ = *demo;
            continue;
        }
        if (!acceptsScans(current) || checkInPending()) {
            spdlog::info("kiosk: scan ignored on screen '{}'", current);
            // A camera code stays in view: the camera reports it again once it can be taken.
            if (method == "qr" && camera_) camera_->release(code);
            continue;
        }
        checkInRequest_ = desk_->submitScan(code, method);
    }
    if (desk_) {
        for (auto& reply : desk_->takeReplies()) applyReply(ctx, reply);
    }
    if (camera_) {
        const std::string& next = ctx.requestedScreen.empty() ? current : ctx.requestedScreen;
        camera_->setAccepting(desk_ && ((acceptsScans(next) && !checkInPending()) ||
                                        (identifiesByScan(next) && !floor_->identifying()) ||
                                        next == screen_id::feedbackPick));
    }
}

void Session::applyReply(AppContext& ctx, DeskReply& reply) {
    if (auto* c = std::get_if<CheckInReply>(&reply)) {
        applyCheckIn(ctx, *c);
        requestStaffStatus();  // someone may have just checked in
    } else if (auto* p = std::get_if<PrintReply>(&reply)) {
        applyPrint(*p);
    } else if (auto* s = std::get_if<StaffReply>(&reply)) {
        // A reprint's outcome comes with its print reply; until then, say it is under way.
        staffNote_ = makeStaffNote(s->messageKey);
        if (s->messageKey == "staff.badge.preparing") {
            staffPrints_.push_back(s->request);
        }
        requestStaffStatus();
    } else if (auto* roster = std::get_if<RosterReply>(&reply)) {
        if (roster->index) index_ = std::move(*roster->index);
        requestStaffStatus();  // a sync may have brought check-ins from other kiosks
    } else if (auto* status = std::get_if<StatusReply>(&reply)) {
        staffStatus_ = std::move(status->people);
    } else if (auto* printer = std::get_if<PrinterReply>(&reply)) {
        printer_ = std::move(printer->check);
    } else if (auto* floor = std::get_if<FloorReply>(&reply)) {
        floor_->apply(*floor);
    } else if (auto* clock = std::get_if<ClockReply>(&reply)) {
        clockOffsetMs_ = clock->offsetMs;
        if (auto off = clockWarningMs())
            spdlog::warn("kiosk: this device's clock is {} s off the central record's",
                         *off / 1000);
    }
}

void Session::applyCheckIn(AppContext& ctx, CheckInReply& c) {
    if (c.failed && c.request != checkInRequest_) {
        staffNote_ = makeStaffNote("staff.failed");
        return;
    }
    if (c.request != checkInRequest_) return;
    checkInRequest_ = 0;
    if (c.request == walkInRequest_) {
        walkInRequest_ = 0;
        if (!c.walkInProblem.empty()) {
            walkInProblem_ = c.walkInProblem;
            return;  // the walk-in form shows it
        }
    }
    if (c.failed) {
        walkInProblem_.clear();
        last_ = {};
        ctx.go(failureScreenId(FailureReason::Error));
        return;
    }
    const bool printing = c.printing;
    last_ = CheckInView{c.request, std::move(c),
                        printing ? CheckInView::Badge::Printing : CheckInView::Badge::None};
    spdlog::debug("kiosk: request {} -> {}", last_.request, checkInStatusName(last_.reply.status));
    ctx.go(failureScreenFor(last_.reply.status));
}

// The badge's fate: the welcome screen's line, the staff screen's message, the printer state.
void Session::applyPrint(const PrintReply& p) {
    if (p.request == last_.request && last_.reply.attendee) last_.badge = badgeFrom(p.status);
    const std::string folder = p.spoolPath.empty()
                                   ? setup_.spoolDir
                                   : std::filesystem::path(p.spoolPath).parent_path().string();
    if (p.status == PrintOutcome::Status::Printed) {
        printer_ = PrinterCheck{PrinterCheck::State::Ready, "printed"};
    } else if (p.status == PrintOutcome::Status::Failed) {
        printer_ = PrinterCheck{PrinterCheck::State::Problem, p.detail};
    }
    auto staff = std::find(staffPrints_.begin(), staffPrints_.end(), p.request);
    if (staff != staffPrints_.end()) {
        staffPrints_.erase(staff);
        const char* key = p.status == PrintOutcome::Status::Printed   ? "staff.badge.printed"
                          : p.status == PrintOutcome::Status::Spooled ? "staff.badge.spooled"
                                                                      : "staff.badge.failed";
        staffNote_ = makeStaffNote(key, folder, p.detail, setup_.config.kiosk.printer);
    } else if (p.status == PrintOutcome::Status::Failed && p.request != last_.request) {
        staffNote_ = makeStaffNote("staff.badge.failed", folder, p.detail);
    }
}

void Session::watchStaffRows(std::vector<std::string> attendeeIds) {
    if (attendeeIds == staffRows_) return;
    staffRows_ = std::move(attendeeIds);
    staffStatus_.clear();
    requestStaffStatus();
}

void Session::requestStaffStatus() {
    if (desk_ && !staffRows_.empty()) desk_->submitStatus(staffRows_);
}

const PersonStatus* Session::staffStatus(const std::string& attendeeId) const {
    for (const auto& s : staffStatus_) {
        if (s.attendeeId == attendeeId) return &s;
    }
    return nullptr;
}

}  // namespace oh::kiosk
