// The camera: a worker thread that grabs frames (V4L2, or images replayed from files for demos
// and tests), decodes QR codes with core's LiveDecoder and hands the texts to the UI thread.
// Nothing here runs on the UI thread except the cheap accessors; the worker calls wakeUi()
// when it has something new (a code, a state change, a preview frame at most ~10 per second).
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

#include "core/render/qr.hpp"

namespace oh::kiosk {

enum class CameraState { Off, Starting, Running, Missing, Lost };
const char* cameraStateName(CameraState state);

// One frame's luma as the decoder sees it, valid until the next call on its source.
struct CameraFrame {
    FrameView view;
};

// Where frames come from. Implementations: V4L2 devices and file replay.
class FrameSource {
public:
    virtual ~FrameSource() = default;
    // Throws nothing; false (with a reason for the log) when the camera is not there.
    virtual bool open(std::string& why) = 0;
    // Waits up to timeoutMs for a frame. nullopt on a timeout; sets `lost` when the camera
    // went away (unplugged, file removed) and must be reopened.
    virtual std::optional<CameraFrame> next(int timeoutMs, bool& lost) = 0;
    virtual void close() = 0;
};

// /dev/videoN: mmap streaming with 3 buffers, always the newest frame (older ones are put
// back at once). YUYV is read in place by stride; MJPEG is decoded to gray with libturbojpeg.
std::unique_ptr<FrameSource> makeV4l2Source(std::string device, int width = 1280, int height = 720);
// An image file, or a folder of PNG/JPEG images (sorted by name), played in a loop: one image
// every `frameMs`, then a pause of `passPauseMs` before the next pass. The path disappearing
// is a lost camera.
std::unique_ptr<FrameSource> makeFileSource(std::string path, int frameMs = 100, int passPauseMs = 1000);

// One MJPEG frame to 8-bit gray (libturbojpeg, TJPF_GRAY) into `out` (resized to w*h);
// false for a torn or corrupt frame or one of another size. `handle` is a tjhandle from
// tjInitDecompress(), reused frame to frame.
bool decodeMjpegGray(void* handle, const std::uint8_t* bytes, std::size_t size, int width, int height,
                     std::vector<std::uint8_t>& out);

struct PreviewImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> gray;
    std::uint64_t seq = 0;  // increases with every new preview
};

struct CameraSettings {
    int reopenEveryMs = 3000;         // a missing or lost camera is looked for again this often
    int repeatSuppressMs = 5000;      // the same code, seen again within this, is not reported again
    int previewIntervalMs = 100;      // at most ~10 preview updates per second
    int previewWidth = 480;           // preview is downscaled to this width
    int minFrameIntervalMs = 66;      // decode at most ~15 frames a second (battery); the newest is taken
};

class CameraWorker {
public:
    explicit CameraWorker(CameraSettings settings = {});
    ~CameraWorker();
    CameraWorker(const CameraWorker&) = delete;
    CameraWorker& operator=(const CameraWorker&) = delete;

    // "" turns the camera off; "/dev/..." opens a V4L2 device; anything else replays files.
    // A new generation with the same path starts over (and forgets which codes it reported).
    void setSource(const std::string& path, std::uint64_t generation = 0);
    // Test seam: a source made by the caller.
    void setSourceFactory(std::function<std::unique_ptr<FrameSource>(const std::string&)> factory);

    CameraState state() const { return state_.load(); }
    // Codes decoded since the last call, oldest first.
    std::vector<std::string> takeCodes();
    // Copies the newest preview if it is newer than `haveSeq`.
    bool preview(PreviewImage& out, std::uint64_t haveSeq) const;
    // The preview costs a downscale per frame; only make it while a screen shows it.
    void setPreviewWanted(bool wanted) { previewWanted_ = wanted; }
    std::uint64_t framesDecoded() const { return framesDecoded_.load(); }

private:
    void run();
    void setState(CameraState s);
    void handleFrame(const CameraFrame& frame);
    bool sourceChanged();

    CameraSettings settings_;
    std::function<std::unique_ptr<FrameSource>(const std::string&)> factory_;
    mutable std::mutex mutex_;
    std::condition_variable cv_;
    std::string wantedPath_;
    std::uint64_t wantedGeneration_ = 0;
    std::uint64_t activeGeneration_ = 0;
    std::string activePath_;
    bool stop_ = false;
    std::atomic<CameraState> state_{CameraState::Off};
    std::atomic<bool> previewWanted_{false};
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
    std::thread thread_;
};

}  // namespace oh::kiosk
