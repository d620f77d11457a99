#include "kiosk/services/desk.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <filesystem>

#include <unistd.h>

#include "core/files/private_dir.hpp"
#include "core/model/ids.hpp"

namespace oh::kiosk {

// ---- DeskCore ------------------------------------------------------------------------------

DeskCore::DeskCore(Store store, std::string eventId)
    : store_(std::move(store)),
      event_(store_.event(eventId).value_or(Event{})),
      desk_(store_, eventId) {
    if (event_.id.empty())
        throw StoreError(StoreError::Kind::Invalid, "the store has no event " + eventId);
    if (auto hex = store_.meta("device_secret_key")) deviceKey_ = SigningKey::fromSecretHex(*hex);
    if (!deviceKey_)
        spdlog::warn(
            "desk: no device key; badges of walk-ins and name-search check-ins carry no code");
    rosterFingerprint_ = store_.rosterFingerprint(event_.id);
}

std::optional<std::vector<Attendee>> DeskCore::refresh() {
    desk_.reloadKeys();
    // Someone new, or a name, team or block changed (a sync, the lead's CLI).
    auto fingerprint = store_.rosterFingerprint(event_.id);
    if (fingerprint == rosterFingerprint_) return std::nullopt;
    rosterFingerprint_ = std::move(fingerprint);
    return store_.attendees(event_.id);
}

CheckInReply DeskCore::fromOutcome(CheckInOutcome o, const std::string& method) {
    CheckInReply r;
    r.method = method;
    r.status = o.status;
    r.attendee = std::move(o.attendee);
    r.checkin = std::move(o.checkin);
    r.earlierDevice = std::move(o.earlierDevice);
    if (r.attendee && r.attendee->role == Role::Intern) {
        for (auto& s : store_.showcases(event_.id)) {
            if (s.internId == r.attendee->id) {
                r.showcase = std::move(s);
                break;
            }
        }
    }
    return r;
}

CheckInReply DeskCore::scan(const std::string& token, const std::string& method,
                            std::int64_t nowMs) {
    auto r = fromOutcome(desk_.scan(token, nowMs, method), method);
    r.claims = parseTokenUnverified(token);
    spdlog::info("desk: {} scan -> {}{}", method, checkInStatusName(r.status),
                 r.attendee ? " attendee " + r.attendee->id : std::string());
    return r;
}

CheckInReply DeskCore::checkInById(const std::string& attendeeId, std::int64_t nowMs) {
    auto r = fromOutcome(desk_.checkInAttendee(attendeeId, nowMs, "search"), "search");
    spdlog::info("desk: search check-in attendee {} -> {}", attendeeId,
                 checkInStatusName(r.status));
    return r;
}

CheckInReply DeskCore::walkIn(const WalkInForm& form, std::int64_t nowMs) {
    // The rules are core's (core/checkin/walk_in.hpp), the same the walk-in screen checks.
    if (std::optional<std::string> problem = validateWalkIn(form, store_, event_.id)) {
        CheckInReply refused;
        refused.method = "walk-in";
        refused.status = CheckInStatus::Unknown;
        refused.walkInProblem = *problem;
        return refused;
    }
    Attendee a = walkInAttendee(form, event_.id);
    {
        sql::Transaction tx(store_.db());
        store_.upsertAttendee(a);
        store_.audit("kiosk", "attendee.walk-in", a.id);
        tx.commit();
    }
    auto r = fromOutcome(desk_.checkInAttendee(a.id, nowMs, "walk-in"), "walk-in");
    spdlog::info("desk: walk-in attendee {} -> {}", a.id, checkInStatusName(r.status));
    return r;
}

StaffReply DeskCore::undo(const std::string& attendeeId, std::int64_t nowMs) {
    StaffReply r;
    r.attendeeId = attendeeId;
    auto active = store_.activeCheckIn(event_.id, attendeeId);
    if (!active) {
        r.messageKey = "staff.not_checked_in";
        return r;
    }
    r.ok = desk_.annul(active->id, "kiosk-staff", nowMs);
    r.messageKey = r.ok ? "staff.undone" : "staff.failed";
    spdlog::info("desk: staff undo of check-in {} -> {}", active->id, r.ok ? "done" : "failed");
    return r;
}

std::vector<PersonStatus> DeskCore::statusOf(const std::vector<std::string>& attendeeIds) {
    std::vector<PersonStatus> out;
    for (const auto& id : attendeeIds) {
        PersonStatus s;
        s.attendeeId = id;
        if (auto active = store_.activeCheckIn(event_.id, id)) {
            s.checkedIn = true;
            s.checkedInAt = active->at;
        }
        if (auto a = store_.attendee(id)) s.blocked = a->blocked;
        out.push_back(std::move(s));
    }
    return out;
}

std::optional<BadgeData> DeskCore::badgeFor(const Attendee& a, const std::string& scannedToken,
                                            std::int64_t nowMs) {
    BadgeData b;
    b.name = a.fullName;
    b.pronouns = a.pronouns;
    b.team = a.team;
    b.eventName = event_.name;
    b.role = a.role;
    b.token = scannedToken;
    if (b.token.empty() && deviceKey_) {
        if (auto claims = walkInBadgeClaims(event_, a.id, deviceKey_->id, nowMs))
            b.token = signToken(*claims, *deviceKey_);
    }
    return b;
}

// ---- DeskService ---------------------------------------------------------------------------

DeskService::DeskService(Store store, std::string eventId, DeskSettings settings,
                         std::function<void()> wake)
    : settings_(std::move(settings)),
      wake_(wake ? std::move(wake) : [] {}),
      core_(std::make_unique<DeskCore>(std::move(store), std::move(eventId))) {
    if (settings_.workDir.empty()) {
        static std::atomic<int> counter{0};
        settings_.workDir =
            (std::filesystem::temp_directory_path() /
             ("openhouse-kiosk-" + std::to_string(::getpid()) + "-" + std::to_string(++counter)))
                .string();
    }
    // Badge PDFs carry codes: the folder is 0700 from the start.
    std::string dirError;
    if (!makePrivateDirectory(settings_.workDir, true, &dirError))
        spdlog::warn("desk: badge folder: {}", dirError);
    deskThread_ = std::thread([this] { deskLoop(); });
    printThread_ = std::thread([this] { printLoop(); });
}

DeskService::~DeskService() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    cv_.notify_all();
    deskThread_.join();
    printThread_.join();
    std::error_code ec;
    std::filesystem::remove_all(settings_.workDir, ec);
}

std::uint64_t DeskService::submit(std::function<void(DeskCore&, std::uint64_t)> work) {
    std::uint64_t id;
    {
        std::lock_guard lock(mutex_);
        id = nextRequest_++;
        jobs_.push_back([this, work = std::move(work), id](DeskCore& core) {
            try {
                work(core, id);
            } catch (const std::exception& e) {
                // The UI must hear back, or it would wait for this request forever.
                spdlog::error("desk: request {} failed: {}", id, describeStoreFailure(e));
                CheckInReply r;
                r.request = id;
                r.failed = true;
                post(std::move(r));
            }
        });
    }
    cv_.notify_all();
    return id;
}

void DeskService::post(DeskReply reply) {
    {
        std::lock_guard lock(mutex_);
        replies_.push_back(std::move(reply));
    }
    wake_();
}

void DeskService::queueBadge(std::uint64_t request, const Attendee& a, const std::string& token,
                             std::int64_t nowMs, DeskCore& core) {
    auto badge = core.badgeFor(a, token, nowMs);
    if (!badge) return;
    {
        std::lock_guard lock(mutex_);
        badges_.push_back({request, a.id, std::move(*badge)});
    }
    cv_.notify_all();
}

std::uint64_t DeskService::submitScan(std::string token, std::string method) {
    return submit([this, token = std::move(token), method = std::move(method)](DeskCore& core,
                                                                               std::uint64_t id) {
        const auto now = nowMillis();
        auto r = core.scan(token, method, now);
        finishCheckIn(std::move(r), id, token, now, core);
    });
}

std::uint64_t DeskService::submitCheckIn(std::string attendeeId) {
    return submit([this, attendeeId = std::move(attendeeId)](DeskCore& core, std::uint64_t id) {
        const auto now = nowMillis();
        finishCheckIn(core.checkInById(attendeeId, now), id, "", now, core);
    });
}

std::uint64_t DeskService::submitWalkIn(WalkInForm form) {
    return submit([this, form = std::move(form)](DeskCore& core, std::uint64_t id) {
        const auto now = nowMillis();
        finishCheckIn(core.walkIn(form, now), id, "", now, core);
    });
}

std::uint64_t DeskService::submitUndo(std::string attendeeId) {
    return submit([this, attendeeId = std::move(attendeeId)](DeskCore& core, std::uint64_t id) {
        auto r = core.undo(attendeeId, nowMillis());
        r.request = id;
        post(std::move(r));
    });
}

std::uint64_t DeskService::submitReprint(std::string attendeeId) {
    return submit([this, attendeeId = std::move(attendeeId)](DeskCore& core, std::uint64_t id) {
        StaffReply r;
        r.request = id;
        r.attendeeId = attendeeId;
        auto a = core.attendee(attendeeId);
        const bool checkedIn =
            a && core.store().activeCheckIn(core.event().id, attendeeId).has_value();
        r.ok = checkedIn;
        r.messageKey = !a          ? "staff.failed"
                       : checkedIn ? "staff.badge.preparing"
                                   : "staff.not_checked_in";
        post(r);
        if (checkedIn) queueBadge(id, *a, "", nowMillis(), core);
    });
}

std::uint64_t DeskService::submitStatus(std::vector<std::string> attendeeIds) {
    return submit([this, ids = std::move(attendeeIds)](DeskCore& core, std::uint64_t) {
        post(StatusReply{core.statusOf(ids)});
    });
}

std::uint64_t DeskService::submitFloor(std::function<FloorReply(DeskCore&)> work) {
    return submit([this, work = std::move(work)](DeskCore& core, std::uint64_t id) {
        FloorReply r;
        try {
            r = work(core);
        } catch (const std::exception& e) {
            spdlog::error("desk: judging request {} failed: {}", id, describeStoreFailure(e));
            r = FloorReply{};
            r.kind = FloorReply::Kind::Failed;
            r.error = describeStoreFailure(e);
        }
        r.request = id;
        post(std::move(r));
    });
}

// Posts the committed result first (the welcome screen may now appear), then queues the badge.
void DeskService::finishCheckIn(CheckInReply r, std::uint64_t id, const std::string& token,
                                std::int64_t nowMs, DeskCore& core) {
    r.request = id;
    const bool print = r.status == CheckInStatus::Ok && r.attendee.has_value();
    r.printing = print;
    std::optional<Attendee> a = print ? r.attendee : std::nullopt;
    post(std::move(r));
    if (a) queueBadge(id, *a, token, nowMs, core);
}

std::vector<DeskReply> DeskService::takeReplies() {
    std::lock_guard lock(mutex_);
    std::vector<DeskReply> out;
    out.swap(replies_);
    return out;
}

void DeskService::drain() {
    std::unique_lock lock(mutex_);
    idleCv_.wait(lock, [&] { return jobs_.empty() && badges_.empty() && busy_ == 0; });
}

std::uint64_t DeskService::pendingJobs() const {
    std::lock_guard lock(mutex_);
    return jobs_.size() + badges_.size() + static_cast<std::uint64_t>(busy_);
}

void DeskService::deskLoop() {
    refreshClock();
    for (;;) {
        Job job;
        {
            std::unique_lock lock(mutex_);
            const bool woke =
                cv_.wait_for(lock, settings_.refreshEvery, [&] { return stop_ || !jobs_.empty(); });
            if (!woke) {
                ++busy_;
                lock.unlock();
                refresh();
                lock.lock();
                --busy_;
                continue;
            }
            if (jobs_.empty()) return;  // stop requested and nothing left
            job = std::move(jobs_.front());
            jobs_.pop_front();
            ++busy_;
        }
        try {
            job(*core_);
        } catch (const std::exception& e) {
            spdlog::error("desk: {}", describeStoreFailure(e));
        }
        {
            std::lock_guard lock(mutex_);
            --busy_;
        }
        idleCv_.notify_all();
    }
}

void DeskService::refreshClock() {
    try {
        const auto offset = core_->store().clockOffsetMs();
        if (postedClock_ && *postedClock_ == offset) return;
        postedClock_ = offset;
        post(ClockReply{offset});
    } catch (const std::exception& e) {
        spdlog::warn("desk: clock offset unreadable: {}", describeStoreFailure(e));
    }
}

void DeskService::refresh() {
    refreshClock();
    try {
        if (auto people = core_->refresh()) {
            auto index = std::make_shared<NameIndex>();
            index->build(*people);
            spdlog::info("desk: roster changed, {} people; search index rebuilt", people->size());
            post(RosterReply{std::move(index), people->size()});
        }
    } catch (const std::exception& e) {
        spdlog::warn("desk: refresh failed: {}", describeStoreFailure(e));
    }
}

void DeskService::checkPrinterAtStart() {
    PrinterCheck check = checkPrinter(settings_.printerQueue, settings_.lpCommand);
    switch (check.state) {
        case PrinterCheck::State::SpoolOnly:
            spdlog::warn(
                "print: no printer is configured (kiosk.printer): badges are saved as "
                "PDFs in {}",
                settings_.spoolDir);
            break;
        case PrinterCheck::State::Ready:
            spdlog::info("print: printer '{}' ready ({})", settings_.printerQueue, check.detail);
            break;
        case PrinterCheck::State::Problem:
            spdlog::error("print: {}; badges that cannot be printed are kept in {}/failed",
                          check.detail, settings_.spoolDir);
            break;
    }
    post(PrinterReply{std::move(check)});
}

void DeskService::printLoop() {
    checkPrinterAtStart();
    BadgePrinter printer(settings_.printerQueue, settings_.spoolDir, settings_.lpCommand);
    printer.setTimeout(settings_.printTimeout);
    printer.setBackoff(settings_.printBackoff);
    for (;;) {
        BadgeJob job;
        {
            std::unique_lock lock(mutex_);
            cv_.wait(lock, [&] { return stop_ || !badges_.empty(); });
            if (badges_.empty()) return;
            job = std::move(badges_.front());
            badges_.pop_front();
            ++busy_;
        }
        PrintReply reply;
        reply.request = job.request;
        reply.attendeeId = job.attendeeId;
        // The job name is the attendee id: nothing personal goes to CUPS logs.
        const auto pdf =
            (std::filesystem::path(settings_.workDir) / ("badge-" + job.attendeeId + ".pdf"))
                .string();
        BadgeData badge = job.badge;
        badge.labelLanguage = settings_.badgeLanguage;
        auto rendered = renderBadgePdf(pdf, {badge}, settings_.badgeSize);
        if (!rendered.ok) {
            spdlog::error("print: badge for attendee {} not rendered: {}", job.attendeeId,
                          rendered.error);
            reply.status = PrintOutcome::Status::Failed;
            reply.detail = "the badge could not be rendered";
        } else {
            auto outcome = printer.print(pdf, "badge-" + job.attendeeId);
            reply.status = outcome.status;
            reply.detail = outcome.detail;
            reply.spoolPath = outcome.spooledPath;
            spdlog::info("print: badge for attendee {}: {} {}", job.attendeeId,
                         outcome.status == PrintOutcome::Status::Printed   ? "printed"
                         : outcome.status == PrintOutcome::Status::Spooled ? "spooled"
                                                                           : "FAILED",
                         outcome.detail);
        }
        std::error_code ec;
        std::filesystem::remove(pdf, ec);
        post(reply);
        {
            std::lock_guard lock(mutex_);
            --busy_;
        }
        idleCv_.notify_all();
    }
}

}  // namespace oh::kiosk
