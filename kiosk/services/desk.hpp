// The kiosk's desk: every call into core that touches the store or the printer, on worker
// threads, so the UI thread never blocks on a disk flush, a badge render or `lp`.
//
//   UI thread ──submit*()──▶ desk worker (owns the Store: verify, commit, walk-ins, undo)
//                               └──badge jobs──▶ print worker (render PDF, BadgePrinter)
//   UI thread ◀──takeReplies()── both workers (then the wake callback: the kiosk's wakeUi)
//
// A check-in reply is sent only after CheckInDesk has committed it, so the welcome screen
// never shows a check-in that a power cut could lose.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "core/checkin/checkin.hpp"
#include "core/checkin/walk_in.hpp"
#include "core/identity/token.hpp"
#include "core/model/model.hpp"
#include "core/render/badge.hpp"
#include "core/render/printer_check.hpp"
#include "core/render/printing.hpp"
#include "core/roster/search.hpp"
#include "core/store/store.hpp"
#include "kiosk/services/floor.hpp"

namespace oh::kiosk {

// What the desk worker answers.
struct CheckInReply {
    std::uint64_t request = 0;
    std::string method;  // "qr", "scanner", "search", "walk-in"
    CheckInStatus status = CheckInStatus::Malformed;
    std::optional<Attendee> attendee;
    std::optional<CheckIn> checkin;
    std::string earlierDevice;
    std::optional<TokenClaims> claims;  // the code's dates, for expired / not yet valid
    std::optional<Showcase> showcase;   // the attendee's demo, for the welcome line
    bool printing = false;              // a badge job was queued
    std::string walkInProblem;          // strings key when a walk-in was refused
    bool failed = false;  // the store failed (disk full, I/O error): nothing was saved
};

struct PrintReply {
    std::uint64_t request = 0;
    std::string attendeeId;
    PrintOutcome::Status status = PrintOutcome::Status::Failed;
    std::string detail;     // why it failed (no personal data)
    std::string spoolPath;  // where the PDF was saved (Spooled) or kept (Failed)
};

struct StaffReply {
    std::uint64_t request = 0;
    std::string attendeeId;
    std::string messageKey;  // strings key: staff.undone, staff.not_checked_in, staff.reprinting...
    bool ok = false;
};

// Whether each person on the staff screen is checked in, as the store says now.
struct PersonStatus {
    std::string attendeeId;
    bool checkedIn = false;
    std::int64_t checkedInAt = 0;  // Unix ms
    bool blocked = false;
};
struct StatusReply {
    std::vector<PersonStatus> people;
};

// The printer check at start (printer_check.hpp).
struct PrinterReply {
    PrinterCheck check;
};

// The roster changed (the sync daemon pulled new people): a fresh index, built on the worker.
struct RosterReply {
    std::shared_ptr<NameIndex> index;
    std::size_t people = 0;
};

// This device's clock against the central record's, as the sync daemon last measured it
// (device minus central; none: never measured). Posted at start and when it changes.
struct ClockReply {
    std::optional<std::int64_t> offsetMs;
};

using DeskReply = std::variant<CheckInReply, PrintReply, StaffReply, RosterReply, StatusReply,
                               PrinterReply, ClockReply, FloorReply>;

struct DeskSettings {
    std::string printerQueue;  // empty: spool folder
    std::string spoolDir;
    std::string lpCommand = "lp";
    BadgeSize badgeSize = BadgeSize::Badge4x3;
    std::string badgeLanguage = "en";  // of the printed role labels: the event's (kiosk.language)
    std::string workDir;               // badge PDFs are rendered here before printing
    std::chrono::milliseconds printTimeout{15000};
    std::chrono::milliseconds printBackoff{300};
    // While idle, the desk re-reads keys and revocations and looks for roster changes this
    // often: the sync daemon writes into the same store.
    std::chrono::milliseconds refreshEvery{30000};
};

// The synchronous core of the desk (one thread at a time). DeskService runs it on its
// worker; the benchmark calls it directly.
class DeskCore {
  public:
    DeskCore(Store store, std::string eventId);

    CheckInReply scan(const std::string& token, const std::string& method, std::int64_t nowMs);
    CheckInReply checkInById(const std::string& attendeeId, std::int64_t nowMs);
    CheckInReply walkIn(const WalkInForm& form, std::int64_t nowMs);
    // Who a badge belongs to, without checking them in (scoring and feedback modes).
    CheckInOutcome identify(const std::string& token, std::int64_t nowMs) {
        return desk_.identify(token, nowMs);
    }
    StaffReply undo(const std::string& attendeeId, std::int64_t nowMs);
    std::vector<PersonStatus> statusOf(const std::vector<std::string>& attendeeIds);
    // The badge for an attendee: name, team, role and a token (the scanned one, or one signed
    // with this device's certified key).
    std::optional<BadgeData> badgeFor(const Attendee& a, const std::string& scannedToken,
                                      std::int64_t nowMs);
    std::optional<Attendee> attendee(const std::string& id) { return store_.attendee(id); }
    // Reloads keys and revocations; returns the roster when it changed since last time.
    std::optional<std::vector<Attendee>> refresh();

    Store& store() { return store_; }
    const Event& event() const { return event_; }
    bool canSignBadges() const { return deviceKey_.has_value(); }

  private:
    CheckInReply fromOutcome(CheckInOutcome outcome, const std::string& method);

    Store store_;
    Event event_;
    std::optional<SigningKey> deviceKey_;
    CheckInDesk desk_;
    std::string rosterFingerprint_;  // what the UI's search index was built from
};

class DeskService {
  public:
    // `wake` is called from the workers after each reply is posted.
    DeskService(Store store, std::string eventId, DeskSettings settings,
                std::function<void()> wake = {});
    ~DeskService();
    DeskService(const DeskService&) = delete;
    DeskService& operator=(const DeskService&) = delete;

    // Each returns a request number that its reply carries.
    std::uint64_t submitScan(std::string token, std::string method);
    std::uint64_t submitCheckIn(std::string attendeeId);
    std::uint64_t submitWalkIn(WalkInForm form);
    std::uint64_t submitUndo(std::string attendeeId);
    // Only for someone checked in (a badge is proof of check-in): otherwise the reply says so.
    std::uint64_t submitReprint(std::string attendeeId);
    std::uint64_t submitStatus(std::vector<std::string> attendeeIds);
    // The judging floor's work (kiosk/services/floor.hpp): its reply carries the request
    // number; a store failure comes back as a FloorReply of kind Failed.
    std::uint64_t submitFloor(std::function<FloorReply(DeskCore&)> work);

    std::vector<DeskReply> takeReplies();
    // Blocks until every submitted request and badge job is done (tests, shutdown).
    void drain();
    std::uint64_t pendingJobs() const;

  private:
    using Job = std::function<void(DeskCore&)>;
    std::uint64_t submit(std::function<void(DeskCore&, std::uint64_t)> work);
    void finishCheckIn(CheckInReply r, std::uint64_t id, const std::string& token,
                       std::int64_t nowMs, DeskCore& core);
    void post(DeskReply reply);
    void queueBadge(std::uint64_t request, const Attendee& a, const std::string& token,
                    std::int64_t nowMs, DeskCore& core);
    void deskLoop();
    void refresh();
    void refreshClock();
    void printLoop();
    void checkPrinterAtStart();  // on the print worker: it may wait for lpstat

    DeskSettings settings_;
    std::function<void()> wake_;
    std::unique_ptr<DeskCore> core_;
    mutable std::mutex mutex_;
    std::condition_variable cv_;
    std::condition_variable idleCv_;
    std::deque<Job> jobs_;
    struct BadgeJob {
        std::uint64_t request;
        std::string attendeeId;
        BadgeData badge;
    };
    std::deque<BadgeJob> badges_;
    std::vector<DeskReply> replies_;
    std::uint64_t nextRequest_ = 1;
    std::optional<std::optional<std::int64_t>> postedClock_;  // desk thread only
    int busy_ = 0;
    bool stop_ = false;
    std::thread deskThread_;
    std::thread printThread_;
};

}  // namespace oh::kiosk
