// Where the camera worker's frames come from: a V4L2 device (platform/v4l2_source.cpp) or
// images replayed from files for demos and tests (platform/file_source.cpp). Each source is
// used by one thread, the camera worker's.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/render/qr.hpp"

namespace oh::kiosk {

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
std::unique_ptr<FrameSource> makeFileSource(std::string path, int frameMs = 100,
                                            int passPauseMs = 1000);

// One MJPEG frame to 8-bit gray (libturbojpeg, TJPF_GRAY) into `out` (resized to w*h);
// false for a torn or corrupt frame or one of another size. `handle` is a tjhandle from
// tjInitDecompress(), reused frame to frame.
bool decodeMjpegGray(void* handle, const std::uint8_t* bytes, std::size_t size, int width,
                     int height, std::vector<std::uint8_t>& out);

// The camera's clock: milliseconds that never jump with the wall clock.
inline std::int64_t steadyMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

}  // namespace oh::kiosk
