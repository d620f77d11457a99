#include "kiosk/services/store_watch.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <limits>

#include "core/exports/exports.hpp"
#include "core/files/private_dir.hpp"
#include "core/judging/schedule_shift.hpp"
#include "core/model/ids.hpp"
#include "kiosk/services/export_folders.hpp"

namespace oh::kiosk {

namespace {

constexpr std::int64_t kMinuteMs = 60'000;

}  // namespace

StoreWatch::StoreWatch(StoreWatchSettings settings) : settings_(std::move(settings)) {
    if (!settings_.nowMs) settings_.nowMs = [] { return nowMillis(); };
    thread_ = std::thread([this] { run(); });
}

StoreWatch::~StoreWatch() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

std::shared_ptr<const ShowcaseProgram> StoreWatch::program() const {
    std::lock_guard lock(mutex_);
    return program_;
}

std::shared_ptr<const DashboardData> StoreWatch::dashboard() const {
    std::lock_guard lock(mutex_);
    return dashboard_;
}

void StoreWatch::wantDashboard(bool wanted) {
    {
        std::lock_guard lock(mutex_);
        if (wantDashboard_ == wanted) return;
        wantDashboard_ = wanted;
    }
    cv_.notify_all();
}

bool StoreWatch::wantsDashboard() const {
    std::lock_guard lock(mutex_);
    return wantDashboard_;
}

std::uint64_t StoreWatch::spotlightTurn() const {
    std::lock_guard lock(mutex_);
    return spotlightTurn_;
}

LeadNote StoreWatch::lastNote() const {
    std::lock_guard lock(mutex_);
    return note_;
}

bool StoreWatch::actionPending() const {
    std::lock_guard lock(mutex_);
    return jobRunning_ || !jobs_.empty();
}

void StoreWatch::post(std::function<LeadNote(Store&)> job) {
    {
        std::lock_guard lock(mutex_);
        jobs_.push_back(std::move(job));
    }
    cv_.notify_all();
}

// The program team's changes go to the central record's own file, never to this device's
// outbox: a device's login may not push them (docs/security.md), and a change refused there
// would sit on this screen alone.
LeadNote StoreWatch::onAdminStore(const std::function<LeadNote(Store&)>& change) {
    const std::string& path = settings_.adminStorePath;
    if (path.empty() || !std::filesystem::exists(path))
        return {false, "dashboard.note.not_lead_device", ""};
    try {
        Store admin = Store::open(path);
        return change(admin);
    } catch (const std::exception& e) {
        spdlog::error("dashboard: the central record could not be changed: {}", e.what());
        return {false, "dashboard.note.failed", e.what()};
    }
}

void StoreWatch::shiftSchedule(const std::string& room, int minutes, const std::string& actor) {
    post([this, room, minutes, actor](Store&) {
        return onAdminStore([&](Store& admin) -> LeadNote {
            const ShiftResult r = oh::shiftSchedule(admin, settings_.eventId,
                                                    {room, minutes, settings_.nowMs() / 1000});
            if (r.status != ShiftStatus::Shifted)
                return {false, "dashboard.note.failed", r.message};
            admin.audit(actor, "schedule.shift", settings_.eventId,
                        std::to_string(minutes) + " min, " + std::to_string(r.moved) + " moved");
            return {true, "dashboard.note.shifted", r.message};
        });
    });
}

void StoreWatch::closeJudging(bool close, const std::string& actor) {
    post([this, close, actor](Store&) {
        return onAdminStore([&](Store& admin) -> LeadNote {
            auto event = admin.event(settings_.eventId);
            if (!event) return {false, "dashboard.note.failed", "the central has no such event"};
            event->judgingClosedAt = close ? settings_.nowMs() : 0;
            admin.saveEvent(*event);
            admin.audit(actor, close ? "judging.close" : "judging.reopen", settings_.eventId);
            return {true, close ? "dashboard.note.closed" : "dashboard.note.reopened", ""};
        });
    });
}

void StoreWatch::exportLists(const std::string& kind, const std::string& folder,
                             const std::string& actor) {
    post([this, kind, folder, actor](Store& store) -> LeadNote {
        const auto parsed = parseExportKind(kind);
        if (!parsed) return {false, "dashboard.note.failed", "unknown list " + kind};
        std::string error;
        if (folder == settings_.exportsFolder && !makePrivateDirectory(folder, false, &error))
            return {false, "dashboard.note.failed", error};
        const ExportSettings lists{settings_.rules, settings_.rubric};
        const std::int64_t now = settings_.nowMs();
        std::string written;
        for (ExportFormat format : {ExportFormat::Csv, ExportFormat::Xlsx}) {
            const std::string path =
                folder + "/" + exportFileName(kind, exportFormatName(format), now / 1000);
            const ExportResult r =
                exportList(store, settings_.eventId, *parsed, format, path, lists, now);
            if (!r.ok()) return {false, "dashboard.note.failed", r.message};
            written +=
                (written.empty() ? "" : ", ") + std::filesystem::path(path).filename().string();
            store.audit(actor, "export." + kind, settings_.eventId,
                        std::to_string(r.rows) + " rows, " + exportFormatName(format));
        }
        return {true, "dashboard.note.exported",
                written + " (" + std::filesystem::path(folder).filename().string() + ")"};
    });
}

void StoreWatch::refresh(Store& store) {
    const std::int64_t now = settings_.nowMs();
    auto program = std::make_shared<const ShowcaseProgram>(
        showcaseProgram(store, settings_.eventId, now / 1000));
    std::shared_ptr<const DashboardData> dashboard;
    const bool want = wantsDashboard();
    if (want && (cache_.refresh(store, settings_.eventId, settings_.rules, now) || !dashboard_))
        dashboard = std::make_shared<const DashboardData>(cache_.data());
    {
        std::lock_guard lock(mutex_);
        program_ = std::move(program);
        if (dashboard) dashboard_ = std::move(dashboard);
    }
    if (settings_.wake) settings_.wake();
}

void StoreWatch::run() {
    std::optional<Store> store;
    std::optional<std::int64_t> stamp;
    std::int64_t minute = -1;
    bool wanted = false;
    std::int64_t turnAt = settings_.nowMs() + settings_.spotlightEvery.count();
    for (;;) {
        std::function<LeadNote(Store&)> job;
        {
            std::unique_lock lock(mutex_);
            if (stop_) return;
            if (!jobs_.empty()) {
                job = std::move(jobs_.front());
                jobs_.pop_front();
                jobRunning_ = true;
            }
        }
        try {
            if (!store) store.emplace(Store::open(settings_.storePath));
            if (job) {
                LeadNote note = job(*store);
                std::lock_guard lock(mutex_);
                note_ = std::move(note);
                jobRunning_ = false;
            }
            const std::int64_t now = settings_.nowMs();
            // When the program next changes by the clock alone (never: no demo is left).
            const std::int64_t changesAt = program_ && program_->changesAt
                                               ? *program_->changesAt
                                               : std::numeric_limits<std::int64_t>::max();
            const bool wantNow = wantsDashboard();
            const std::int64_t s = store->db().changeStamp();
            if (job || !stamp || *stamp != s || now / kMinuteMs != minute || wantNow != wanted ||
                now / 1000 >= changesAt) {
                refresh(*store);
                stamp = store->db().changeStamp();
                minute = now / kMinuteMs;
                wanted = wantNow;
            }
            if (now >= turnAt) {
                turnAt = now + settings_.spotlightEvery.count();
                if (program_ && program_->betweenSessions && program_->spotlights.size() > 1) {
                    {
                        std::lock_guard lock(mutex_);
                        ++spotlightTurn_;
                    }
                    if (settings_.wake) settings_.wake();
                }
            }
        } catch (const std::exception& e) {
            spdlog::error("showcase: the store could not be read: {}", e.what());
            std::lock_guard lock(mutex_);
            jobRunning_ = false;
            store.reset();
        }
        std::unique_lock lock(mutex_);
        cv_.wait_for(lock, settings_.pollEvery, [this] { return stop_ || !jobs_.empty(); });
    }
}

}  // namespace oh::kiosk
