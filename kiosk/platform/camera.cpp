#include "kiosk/platform/camera.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace oh::kiosk {

namespace {

// Nearest-neighbour downscale of the luma for the on-screen preview.
void downscale(const FrameView& f, int targetWidth, PreviewImage& out) {
    const int w = std::min(targetWidth, f.width);
    const int h = std::max(1, f.height * w / std::max(1, f.width));
    const int rowStride = f.rowStride ? f.rowStride : f.width * f.pixelStride;
    out.width = w;
    out.height = h;
    out.gray.resize(static_cast<size_t>(w) * h);
    for (int y = 0; y < h; ++y) {
        const std::uint8_t* row = f.data + static_cast<size_t>(y * f.height / h) * rowStride;
        for (int x = 0; x < w; ++x)
            out.gray[static_cast<size_t>(y) * w + x] = row[(x * f.width / w) * f.pixelStride];
    }
}

}  // namespace

CameraWorker::CameraWorker(CameraSettings settings, std::function<void()> wake)
    : settings_(settings), wake_(wake ? std::move(wake) : [] {}) {
    factory_ = [](const std::string& path) -> std::unique_ptr<FrameSource> {
        if (path.rfind("/dev/", 0) == 0) return makeV4l2Source(path);
        return makeFileSource(path);
    };
    thread_ = std::thread([this] { run(); });
}

CameraWorker::~CameraWorker() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
}

void CameraWorker::setSource(const std::string& path, std::uint64_t generation) {
    {
        std::lock_guard lock(mutex_);
        if (path == wantedPath_ && generation == wantedGeneration_) return;
        wantedPath_ = path;
        wantedGeneration_ = generation;
    }
    cv_.notify_all();
}

void CameraWorker::setSourceFactory(SourceFactory factory) {
    std::lock_guard lock(mutex_);
    factory_ = std::move(factory);
    ++wantedGeneration_;  // reopen through the new factory
    cv_.notify_all();
}

std::vector<std::string> CameraWorker::takeCodes() {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out(codes_.begin(), codes_.end());
    codes_.clear();
    return out;
}

void CameraWorker::release(const std::string& code) {
    std::lock_guard lock(mutex_);
    released_.push_back(code);
}

bool CameraWorker::preview(PreviewImage& out, std::uint64_t haveSeq) const {
    std::lock_guard lock(mutex_);
    if (preview_.seq == haveSeq || preview_.gray.empty()) return false;
    out = preview_;
    return true;
}

void CameraWorker::setState(CameraState s) {
    if (state_.exchange(s) != s) {
        spdlog::info("camera: {}", cameraStateName(s));
        if (s != CameraState::Running) {
            std::lock_guard lock(mutex_);
            preview_.gray.clear();
            ++preview_.seq;
        }
        wake_();
    }
}

bool CameraWorker::sourceChanged() {
    std::lock_guard lock(mutex_);
    return sourceChangedLocked();
}

bool CameraWorker::sourceChangedLocked() const {
    return stop_ || wantedPath_ != activePath_ || wantedGeneration_ != activeGeneration_;
}

void CameraWorker::waitForChange(std::int64_t ms) {
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, std::chrono::milliseconds(ms), [&] { return sourceChangedLocked(); });
}

void CameraWorker::forgetReleased() {
    std::vector<std::string> released;
    {
        std::lock_guard lock(mutex_);
        released.swap(released_);
    }
    for (const auto& code : released)
        std::erase_if(seen_, [&](const Seen& s) { return s.text == code; });
}

// A code is reported once while it stays in view. One seen while the kiosk cannot take a
// scan is not remembered: it is reported on the first frame after the kiosk can take it.
bool CameraWorker::noteCode(const std::string& text, std::int64_t now) {
    auto it =
        std::find_if(seen_.begin(), seen_.end(), [&](const Seen& s) { return s.text == text; });
    if (it != seen_.end()) {
        const bool repeat = now - it->lastMs < settings_.repeatSuppressMs;
        it->lastMs = now;  // still held up to the camera: stays suppressed
        if (repeat || !accepting_) return false;
    } else {
        if (!accepting_) return false;
        seen_.push_back({text, now});
    }
    std::lock_guard lock(mutex_);
    codes_.push_back(text);
    return true;
}

void CameraWorker::handleFrame(const CameraFrame& frame) {
    static thread_local LiveDecoder decoder;
    const auto now = steadyMs();
    forgetReleased();
    auto text = decoder.decode(frame.view);
    framesDecoded_.fetch_add(1);
    bool wake = text && noteCode(*text, now);
    std::erase_if(seen_,
                  [&](const Seen& s) { return now - s.lastMs > settings_.repeatSuppressMs * 4; });
    if (previewWanted_ && now - lastPreviewMs_ >= settings_.previewIntervalMs) {
        lastPreviewMs_ = now;
        PreviewImage p;
        downscale(frame.view, settings_.previewWidth, p);
        std::lock_guard lock(mutex_);
        p.seq = preview_.seq + 1;
        preview_ = std::move(p);
        wake = true;
    }
    if (wake) wake_();
}

void CameraWorker::run() {
    bool everRan = false;
    for (;;) {
        auto factory = waitForWantedSource(everRan);
        if (!factory) break;
        seen_.clear();
        // A retry keeps saying "missing" (or "lost"): no starting/missing flip every retry.
        if (state_.load() != CameraState::Missing)
            setState(everRan ? CameraState::Lost : CameraState::Starting);
        std::unique_ptr<FrameSource> source = (*factory)(activePath_);
        std::string why;
        openAttempts_.fetch_add(1);
        if (!source || !source->open(why)) {
            if (!everRan) setState(CameraState::Missing);
            // Said once per outage (and again when the reason changes), not every retry.
            if (why != lastFailure_) {
                spdlog::warn("camera: not available ({}); looking for it every {} s", why,
                             std::max(1, settings_.reopenEveryMs / 1000));
                lastFailure_ = why;
            }
            source.reset();
            waitForChange(settings_.reopenEveryMs);
            continue;
        }
        if (!lastFailure_.empty()) spdlog::info("camera: found again");
        lastFailure_.clear();
        everRan = true;
        setState(CameraState::Running);
        const bool lost = streamUntilLostOrChanged(*source);
        source->close();
        source.reset();
        if (lost) {
            spdlog::warn("camera: lost; looking for it again");
            setState(CameraState::Lost);
            waitForChange(settings_.reopenEveryMs);
        } else {
            setState(CameraState::Off);
        }
    }
    setState(CameraState::Off);
}

std::optional<CameraWorker::SourceFactory> CameraWorker::waitForWantedSource(bool& everRan) {
    bool off = false;
    {
        std::lock_guard lock(mutex_);
        off = wantedPath_.empty() && !stop_;
    }
    if (off) setState(CameraState::Off);  // turned off (or never on): say so, then sleep
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [&] { return stop_ || !wantedPath_.empty(); });
    if (stop_) return std::nullopt;
    if (wantedPath_ != activePath_ || wantedGeneration_ != activeGeneration_) {
        activePath_ = wantedPath_;
        activeGeneration_ = wantedGeneration_;
        codes_.clear();
        everRan = false;
    }
    return factory_;
}

bool CameraWorker::streamUntilLostOrChanged(FrameSource& source) {
    bool lost = false;
    while (!lost && !sourceChanged()) {
        const auto started = steadyMs();
        auto frame = source.next(200, lost);
        if (!frame) continue;
        handleFrame(*frame);
        const auto spent = steadyMs() - started;
        // At most ~15 decodes a second (battery): sleep the rest of the interval.
        if (spent < settings_.minFrameIntervalMs)
            waitForChange(settings_.minFrameIntervalMs - spent);
    }
    return lost;
}

}  // namespace oh::kiosk
