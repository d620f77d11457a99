// The kiosk's session: the glue between the screens (UI thread) and the workers. It owns the
// desk (store, check-ins, printing), the camera, the name index and the PIN gates, turns
// replies into view state and screen changes, and gives screens a small command interface.
//
// Everything here is called on the UI thread; the blocking work happens on the workers.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/config/config.hpp"
#include "core/roster/search.hpp"
#include "kiosk/floor_session.hpp"
#include "kiosk/platform/camera.hpp"
#include "kiosk/services/desk.hpp"
#include "kiosk/services/pin_check.hpp"
#include "kiosk/services/store_watch.hpp"

namespace oh::kiosk {

struct AppContext;

// How the kiosk finds its data (from the command line and the configuration).
struct SessionSetup {
    std::string storePath;  // empty: no store (the attract screen only, for layout tests)
    std::string eventId;    // empty: the store's meta event_id, else its only event
    Config config;          // kiosk settings: printer, PINs, privacy notice...
    std::string spoolDir;   // resolved spool folder
    std::string lpCommand = "lp";
    std::string cameraPath;  // --camera-file or --camera DEVICE; empty: no camera
    CameraSettings camera;
    std::chrono::milliseconds printTimeout{15000};
    std::chrono::milliseconds printBackoff{300};
    std::chrono::milliseconds refreshEvery{30000};
    // The central record's file when this device holds it (HOME/central.db on the lead's
    // laptop): the dashboard's schedule shift and judging close are written there.
    std::string adminStorePath;
    std::string deviceName;     // names the lead's dashboard actions in the audit log
    std::string exportsFolder;  // the dashboard's own exports folder (after any USB stick)
    // Called from the workers (desk, camera, PIN checks) when the UI has something new to
    // show; the kiosk passes wakeUi so its sleeping main loop draws a frame.
    std::function<void()> wake;
};

// The last staff action's outcome for the staff screen: a strings key and its placeholders.
struct StaffNote {
    std::string key;      // staff.undone, staff.reprint_spooled...
    std::string folder;   // {folder}: where a badge PDF went
    std::string detail;   // {detail}: why printing failed (no personal data)
    std::string printer;  // {printer}: the CUPS queue
};
inline StaffNote makeStaffNote(std::string key, std::string folder = {}, std::string detail = {},
                               std::string printer = {}) {
    return StaffNote{std::move(key), std::move(folder), std::move(detail), std::move(printer)};
}

// The check-in the screens show (welcome or a failure screen).
struct CheckInView {
    std::uint64_t request = 0;
    CheckInReply reply;
    enum class Badge { None, Printing, Printed, Spooled, Failed } badge = Badge::None;
};

class Session {
  public:
    // Opens the store (throws StoreError / std::runtime_error with a clear message) and starts
    // the workers.
    explicit Session(SessionSetup setup);
    ~Session();

    // Once per frame, before the screen draws: camera codes and wedge scans go to the desk,
    // desk replies become view state and screen changes.
    void pump(AppContext& ctx);

    // ---- for screens ----
    bool hasStore() const { return desk_ != nullptr; }
    std::vector<SearchHit> search(const std::string& query, int limit = 6) const;
    void checkIn(const std::string& attendeeId);  // name search: "That's me"
    void submitWalkIn(WalkInForm form);
    bool walkInPending() const { return walkInRequest_ != 0; }
    const std::string& walkInProblem() const { return walkInProblem_; }
    void clearWalkInProblem() { walkInProblem_.clear(); }
    void staffUndo(const std::string& attendeeId);
    void staffReprint(const std::string& attendeeId);
    // The last staff action's message (strings key, staffNote() with its placeholders).
    const std::string& staffMessage() const { return staffNote_.key; }
    const StaffNote& staffNote() const { return staffNote_; }
    void clearStaffMessage() { staffNote_ = {}; }
    // The people the staff screen shows: their check-in status is read from the store (on
    // the desk worker) now and again after every check-in, undo or sync.
    void watchStaffRows(std::vector<std::string> attendeeIds);
    // nullptr until the desk has answered for this person.
    const PersonStatus* staffStatus(const std::string& attendeeId) const;
    // The printer check at start, updated by each badge's outcome.
    const PrinterCheck& printer() const { return printer_; }
    // This device's clock minus the central record's when they differ by more than a minute
    // (invitations and badges are checked against this clock); none when close or unknown.
    std::optional<std::int64_t> clockWarningMs() const;
    const std::string& spoolDir() const { return setup_.spoolDir; }
    bool checkInPending() const { return checkInRequest_ != 0; }

    const CheckInView& lastCheckIn() const { return last_; }
    void forgetCheckIn() { last_ = {}; }  // personal data leaves memory with the screen

    CameraState cameraState() const;
    CameraWorker* camera() { return camera_.get(); }
    AsyncPinGate& leadPin() { return leadPin_; }
    AsyncPinGate& staffPin() { return staffPin_; }
    const Config& config() const { return setup_.config; }
    const std::string& deviceName() const { return setup_.deviceName; }
    const std::string& exportsFolder() const { return setup_.exportsFolder; }
    const Event& event() const { return event_; }
    DeskService* desk() { return desk_.get(); }
    // The judging floor (scoring and feedback modes); unavailable without a store.
    FloorSession& floor() { return *floor_; }
    const NameIndex& index() const { return index_; }
    // The demo named by the last demo code (OHD1:, the showcase's cards) scanned on the
    // feedback screen's demo list; taken once.
    std::optional<std::string> takeScannedDemo() { return std::exchange(scannedDemo_, {}); }
    // The showcase and dashboard modes' store reader (started on first use); null without a
    // store.
    StoreWatch* watch();

    // Screens where a scan may interrupt what is showing.
    static bool acceptsScans(std::string_view screenId);
    // Screens where a scan identifies a judge or a peer instead of checking them in.
    static bool identifiesByScan(std::string_view screenId);
    static std::string failureScreenFor(CheckInStatus status);

  private:
    void applyReply(AppContext& ctx, DeskReply& reply);
    void applyCheckIn(AppContext& ctx, CheckInReply& reply);
    void applyPrint(const PrintReply& reply);
    void requestStaffStatus();

    SessionSetup setup_;
    Event event_;
    std::unique_ptr<DeskService> desk_;
    std::unique_ptr<FloorSession> floor_;
    std::unique_ptr<CameraWorker> camera_;
    std::unique_ptr<StoreWatch> watch_;
    std::optional<std::string> scannedDemo_;
    NameIndex index_;
    AsyncPinGate leadPin_;
    AsyncPinGate staffPin_;
    CheckInView last_;
    std::uint64_t checkInRequest_ = 0;  // the check-in the UI is waiting for
    std::uint64_t walkInRequest_ = 0;
    std::string walkInProblem_;
    StaffNote staffNote_;
    std::vector<std::uint64_t> staffPrints_;  // reprints whose outcome the staff screen awaits
    std::vector<std::string> staffRows_;
    std::vector<PersonStatus> staffStatus_;
    PrinterCheck printer_;
    std::optional<std::int64_t> clockOffsetMs_;
    std::string cameraPathSeen_;
    std::uint64_t cameraGenerationSeen_ = 0;
};

}  // namespace oh::kiosk
