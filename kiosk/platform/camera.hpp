// The camera: a worker thread that grabs frames (V4L2, or images replayed from files for demos
// and tests: platform/frame_source.hpp), decodes QR codes with core's LiveDecoder and hands the
// texts to the UI thread. Nothing here runs on the UI thread except the cheap accessors; the
// worker calls its wake callback (the kiosk passes wakeUi) when it has something new (a code,
// a state change, a preview frame at most ~10 per second).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/camera_state.hpp"
#include "kiosk/platform/frame_source.hpp"

namespace oh::kiosk {

struct PreviewImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> gray;
    std::uint64_t seq = 0;  // increases with every new preview
};

struct CameraSettings {
    int reopenEveryMs = 3000;     // a missing or lost camera is looked for again this often
    int repeatSuppressMs = 5000;  // the same code, seen again within this, is not reported again
    int previewIntervalMs = 100;  // at most ~10 preview updates per second
    int previewWidth = 480;       // preview is downscaled to this width
    int minFrameIntervalMs =
        66;  // decode at most ~15 frames a second (battery); the newest is taken
};

class CameraWorker {
  public:
    // `wake` is called from the worker thread after each change the UI should see.
    explicit CameraWorker(CameraSettings settings = {}, std::function<void()> wake = {});
    ~CameraWorker();
    CameraWorker(const CameraWorker&) = delete;
    CameraWorker& operator=(const CameraWorker&) = delete;

    // "" turns the camera off; "/dev/..." opens a V4L2 device; anything else replays files.
    // A new generation with the same path starts over (and forgets which codes it reported).
    void setSource(const std::string& path, std::uint64_t generation = 0);
    // Test seam: a source made by the caller.
    using SourceFactory = std::function<std::unique_ptr<FrameSource>(const std::string&)>;
    void setSourceFactory(SourceFactory factory);

    CameraState state() const { return state_.load(); }
    // Codes decoded since the last call, oldest first.
    std::vector<std::string> takeCodes();
    // Whether the kiosk can take a scan now. While it cannot, codes in view are neither
    // reported nor remembered, so the code in front of the camera is reported as soon as the
    // kiosk can take it again (the next person in the queue already holds up their phone).
    void setAccepting(bool accepting) { accepting_ = accepting; }
    // A reported code the kiosk could not take after all (it changed screens meanwhile):
    // forgotten, so it is reported again while it stays in view.
    void release(const std::string& code);
    // How many times a source was opened or tried (tests: "it kept looking").
    std::uint64_t openAttempts() const { return openAttempts_.load(); }
    // Copies the newest preview if it is newer than `haveSeq`.
    bool preview(PreviewImage& out, std::uint64_t haveSeq) const;
    // The preview costs a downscale per frame; only make it while a screen shows it.
    void setPreviewWanted(bool wanted) { previewWanted_ = wanted; }
    std::uint64_t framesDecoded() const { return framesDecoded_.load(); }

  private:
    void run();
    // Sleeps while the camera is off; a new path or generation starts over (forgetting its
    // codes and that it ever ran). The factory for the wanted source, or none to stop.
    std::optional<SourceFactory> waitForWantedSource(bool& everRan);
    // Frames until the source is lost (true) or another one is wanted (false).
    bool streamUntilLostOrChanged(FrameSource& source);
    // Sleeps up to `ms`, or less when the worker must stop or another source is wanted.
    void waitForChange(std::int64_t ms);
    void setState(CameraState s);
    void handleFrame(const CameraFrame& frame);
    void forgetReleased();
    bool noteCode(const std::string& text, std::int64_t now);  // true when reported
    bool sourceChanged();
    bool sourceChangedLocked() const;  // with mutex_ held

    CameraSettings settings_;
    std::function<void()> wake_;
    SourceFactory factory_;
    mutable std::mutex mutex_;
    std::condition_variable cv_;
    std::string wantedPath_;
    std::uint64_t wantedGeneration_ = 0;
    std::uint64_t activeGeneration_ = 0;
    std::string activePath_;
    bool stop_ = false;
    std::atomic<CameraState> state_{CameraState::Off};
    std::atomic<bool> previewWanted_{false};
    std::atomic<bool> accepting_{true};
    std::atomic<std::uint64_t> openAttempts_{0};
    std::vector<std::string> released_;  // with mutex_ held; the worker forgets them
    std::atomic<std::uint64_t> framesDecoded_{0};
    std::deque<std::string> codes_;
    PreviewImage preview_;
    // Worker-only state.
    struct Seen {
        std::string text;
        std::int64_t lastMs;
    };
    std::vector<Seen> seen_;
    std::int64_t lastPreviewMs_ = 0;
    std::string lastFailure_;  // why the camera could not be opened, as last logged
    std::thread thread_;
};

}  // namespace oh::kiosk
