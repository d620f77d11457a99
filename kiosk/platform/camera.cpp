#include "kiosk/platform/camera.hpp"

#include <fcntl.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <turbojpeg.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>

#include "core/render/image.hpp"
#include "kiosk/platform/main_loop.hpp"

namespace oh::kiosk {

namespace {

std::int64_t steadyMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

int xioctl(int fd, unsigned long request, void* arg) {
    int r;
    do {
        r = ioctl(fd, request, arg);
    } while (r == -1 && errno == EINTR);
    return r;
}

// ---- V4L2 ----------------------------------------------------------------------------------

class V4l2Source final : public FrameSource {
public:
    V4l2Source(std::string device, int width, int height) : device_(std::move(device)), width_(width), height_(height) {}
    ~V4l2Source() override { close(); }

    bool open(std::string& why) override {
        fd_ = ::open(device_.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
        if (fd_ < 0) {
            why = device_ + ": " + std::strerror(errno);
            return false;
        }
        v4l2_capability cap{};
        if (xioctl(fd_, VIDIOC_QUERYCAP, &cap) < 0 || !(cap.capabilities & V4L2_CAP_VIDEO_CAPTURE) ||
            !(cap.capabilities & V4L2_CAP_STREAMING)) {
            why = device_ + ": not a streaming capture device";
            close();
            return false;
        }
        if (!setFormat(V4L2_PIX_FMT_YUYV) && !setFormat(V4L2_PIX_FMT_MJPEG)) {
            why = device_ + ": neither YUYV nor MJPEG is offered";
            close();
            return false;
        }
        v4l2_requestbuffers req{};
        req.count = 3;  // enough to always have a fresh one; more only adds latency
        req.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        req.memory = V4L2_MEMORY_MMAP;
        if (xioctl(fd_, VIDIOC_REQBUFS, &req) < 0 || req.count < 2) {
            why = device_ + ": cannot get mmap buffers";
            close();
            return false;
        }
        for (unsigned i = 0; i < req.count; ++i) {
            v4l2_buffer buf{};
            buf.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
            buf.memory = V4L2_MEMORY_MMAP;
            buf.index = i;
            if (xioctl(fd_, VIDIOC_QUERYBUF, &buf) < 0) {
                why = device_ + ": VIDIOC_QUERYBUF failed";
                close();
                return false;
            }
            void* p = mmap(nullptr, buf.length, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, buf.m.offset);
            if (p == MAP_FAILED) {
                why = device_ + ": mmap failed";
                close();
                return false;
            }
            buffers_.push_back({p, buf.length});
            if (xioctl(fd_, VIDIOC_QBUF, &buf) < 0) {
                why = device_ + ": VIDIOC_QBUF failed";
                close();
                return false;
            }
        }
        v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        if (xioctl(fd_, VIDIOC_STREAMON, &type) < 0) {
            why = device_ + ": VIDIOC_STREAMON failed";
            close();
            return false;
        }
        if (pixfmt_ == V4L2_PIX_FMT_MJPEG) jpeg_ = tjInitDecompress();
        spdlog::info("camera: {} streaming {}x{} {}", device_, width_, height_,
                     pixfmt_ == V4L2_PIX_FMT_YUYV ? "YUYV" : "MJPEG");
        return true;
    }

    std::optional<CameraFrame> next(int timeoutMs, bool& lost) override {
        requeueHeld();
        pollfd pfd{fd_, POLLIN, 0};
        const int r = ::poll(&pfd, 1, timeoutMs);
        if (r < 0 && errno != EINTR) {
            lost = true;
            return std::nullopt;
        }
        if (pfd.revents & (POLLERR | POLLHUP | POLLNVAL)) {
            lost = true;
            return std::nullopt;
        }
        if (r <= 0) return std::nullopt;
        // Drain the queue: keep only the newest frame, give the others straight back.
        int newest = -1;
        std::uint32_t used = 0;
        for (;;) {
            v4l2_buffer buf{};
            buf.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
            buf.memory = V4L2_MEMORY_MMAP;
            if (xioctl(fd_, VIDIOC_DQBUF, &buf) < 0) {
                if (errno == EAGAIN) break;
                if (errno == ENODEV || errno == EIO) lost = true;
                break;
            }
            if (newest >= 0) queue(newest);
            newest = static_cast<int>(buf.index);
            used = buf.bytesused;
        }
        if (newest < 0) return std::nullopt;
        held_ = newest;
        const auto* bytes = static_cast<const std::uint8_t*>(buffers_[newest].start);
        if (pixfmt_ == V4L2_PIX_FMT_YUYV) {
            // Y0 U Y1 V: luma is every other byte, read in place.
            return CameraFrame{FrameView{bytes, width_, height_, 2, bytesPerLine_}};
        }
        if (!decodeMjpegGray(jpeg_, bytes, used, width_, height_, gray_)) {
            return std::nullopt;  // a torn or corrupt MJPEG frame: skip it
        }
        return CameraFrame{FrameView{gray_.data(), width_, height_, 1, width_}};
    }

    void close() override {
        if (fd_ >= 0) {
            v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
            xioctl(fd_, VIDIOC_STREAMOFF, &type);
        }
        for (auto& b : buffers_) munmap(b.start, b.length);
        buffers_.clear();
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
        held_ = -1;
        if (jpeg_) tjDestroy(jpeg_);
        jpeg_ = nullptr;
    }

private:
    struct Buffer {
        void* start;
        size_t length;
    };

    bool setFormat(std::uint32_t pixfmt) {
        v4l2_format fmt{};
        fmt.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        fmt.fmt.pix.width = static_cast<std::uint32_t>(width_);
        fmt.fmt.pix.height = static_cast<std::uint32_t>(height_);
        fmt.fmt.pix.pixelformat = pixfmt;
        fmt.fmt.pix.field = V4L2_FIELD_ANY;
        if (xioctl(fd_, VIDIOC_S_FMT, &fmt) < 0 || fmt.fmt.pix.pixelformat != pixfmt) return false;
        width_ = static_cast<int>(fmt.fmt.pix.width);
        height_ = static_cast<int>(fmt.fmt.pix.height);
        bytesPerLine_ = static_cast<int>(fmt.fmt.pix.bytesperline);
        if (bytesPerLine_ == 0) bytesPerLine_ = width_ * 2;
        pixfmt_ = pixfmt;
        return true;
    }

    void queue(int index) {
        v4l2_buffer buf{};
        buf.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        buf.memory = V4L2_MEMORY_MMAP;
        buf.index = static_cast<std::uint32_t>(index);
        xioctl(fd_, VIDIOC_QBUF, &buf);
    }

    void requeueHeld() {
        if (held_ >= 0) queue(held_);
        held_ = -1;
    }

    std::string device_;
    int width_;
    int height_;
    int bytesPerLine_ = 0;
    std::uint32_t pixfmt_ = 0;
    int fd_ = -1;
    int held_ = -1;
    std::vector<Buffer> buffers_;
    std::vector<std::uint8_t> gray_;
    tjhandle jpeg_ = nullptr;
};

// ---- file replay ---------------------------------------------------------------------------

class FileSource final : public FrameSource {
public:
    FileSource(std::string path, int frameMs, int passPauseMs)
        : path_(std::move(path)), frameMs_(frameMs), passPauseMs_(passPauseMs) {}

    bool open(std::string& why) override {
        namespace fs = std::filesystem;
        std::error_code ec;
        std::vector<fs::path> files;
        if (fs::is_directory(path_, ec)) {
            for (const auto& e : fs::directory_iterator(path_, ec)) {
                auto ext = e.path().extension().string();
                std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
                if (ext == ".png" || ext == ".jpg" || ext == ".jpeg") files.push_back(e.path());
            }
            std::sort(files.begin(), files.end());
        } else if (fs::exists(path_, ec)) {
            files.push_back(path_);
        }
        images_.clear();
        for (const auto& f : files) {
            std::string error;
            if (auto img = readImageGray(f.string(), &error)) {
                images_.push_back(std::move(*img));
            } else {
                spdlog::warn("camera: skipping replay file {}: {}", f.filename().string(), error);
            }
            if (images_.size() >= 200) break;
        }
        if (images_.empty()) {
            why = path_ + ": no images to replay";
            return false;
        }
        index_ = 0;
        nextAt_ = steadyMs();
        return true;
    }

    std::optional<CameraFrame> next(int timeoutMs, bool& lost) override {
        const auto now = steadyMs();
        if (now < nextAt_) {
            const auto wait = std::min<std::int64_t>(nextAt_ - now, timeoutMs);
            std::this_thread::sleep_for(std::chrono::milliseconds(wait));
            if (steadyMs() < nextAt_) return std::nullopt;
        }
        std::error_code ec;
        if (!std::filesystem::exists(path_, ec)) {  // "unplugged"
            lost = true;
            return std::nullopt;
        }
        const GrayImage& img = images_[index_];
        index_ = (index_ + 1) % images_.size();
        nextAt_ = steadyMs() + (index_ == 0 ? passPauseMs_ : frameMs_);
        return CameraFrame{FrameView::of(img)};
    }

    void close() override { images_.clear(); }

private:
    std::string path_;
    int frameMs_;
    int passPauseMs_;
    std::vector<GrayImage> images_;
    size_t index_ = 0;
    std::int64_t nextAt_ = 0;
};

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
        for (int x = 0; x < w; ++x) out.gray[static_cast<size_t>(y) * w + x] = row[(x * f.width / w) * f.pixelStride];
    }
}

}  // namespace

bool decodeMjpegGray(void* handle, const std::uint8_t* bytes, std::size_t size, int width, int height,
                     std::vector<std::uint8_t>& out) {
    if (!handle || !bytes || size == 0) return false;
    int w = 0, h = 0, subsamp = 0, colorspace = 0;
    auto* jpeg = static_cast<tjhandle>(handle);
    if (tjDecompressHeader3(jpeg, bytes, static_cast<unsigned long>(size), &w, &h, &subsamp, &colorspace) != 0 ||
        w != width || h != height) {
        return false;
    }
    out.resize(static_cast<size_t>(width) * height);
    return tjDecompress2(jpeg, bytes, static_cast<unsigned long>(size), out.data(), width, 0, height, TJPF_GRAY,
                         TJFLAG_FASTDCT) == 0;
}

const char* cameraStateName(CameraState state) {
    switch (state) {
        case CameraState::Off: return "off";
        case CameraState::Starting: return "starting";
        case CameraState::Running: return "running";
        case CameraState::Missing: return "missing";
        case CameraState::Lost: return "lost";
    }
    return "?";
}

std::unique_ptr<FrameSource> makeV4l2Source(std::string device, int width, int height) {
    return std::make_unique<V4l2Source>(std::move(device), width, height);
}

std::unique_ptr<FrameSource> makeFileSource(std::string path, int frameMs, int passPauseMs) {
    return std::make_unique<FileSource>(std::move(path), frameMs, passPauseMs);
}

CameraWorker::CameraWorker(CameraSettings settings) : settings_(settings) {
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

void CameraWorker::setSourceFactory(std::function<std::unique_ptr<FrameSource>(const std::string&)> factory) {
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
        wakeUi();
    }
}

bool CameraWorker::sourceChanged() {
    std::lock_guard lock(mutex_);
    return stop_ || wantedPath_ != activePath_ || wantedGeneration_ != activeGeneration_;
}

void CameraWorker::handleFrame(const CameraFrame& frame) {
    static thread_local LiveDecoder decoder;
    const auto now = steadyMs();
    auto text = decoder.decode(frame.view);
    framesDecoded_.fetch_add(1);
    bool wake = false;
    if (text) {
        auto it = std::find_if(seen_.begin(), seen_.end(), [&](const Seen& s) { return s.text == *text; });
        const bool repeat = it != seen_.end() && now - it->lastMs < settings_.repeatSuppressMs;
        if (it == seen_.end()) {
            seen_.push_back({*text, now});
        } else {
            it->lastMs = now;  // still held up to the camera: stays suppressed
        }
        if (!repeat) {
            std::lock_guard lock(mutex_);
            codes_.push_back(*text);
            wake = true;
        }
    }
    std::erase_if(seen_, [&](const Seen& s) { return now - s.lastMs > settings_.repeatSuppressMs * 4; });
    if (previewWanted_ && now - lastPreviewMs_ >= settings_.previewIntervalMs) {
        lastPreviewMs_ = now;
        PreviewImage p;
        downscale(frame.view, settings_.previewWidth, p);
        std::lock_guard lock(mutex_);
        p.seq = preview_.seq + 1;
        preview_ = std::move(p);
        wake = true;
    }
    if (wake) wakeUi();
}

void CameraWorker::run() {
    std::unique_ptr<FrameSource> source;
    bool everRan = false;
    for (;;) {
        std::function<std::unique_ptr<FrameSource>(const std::string&)> factory;
        {
            bool off = false;
            {
                std::lock_guard lock(mutex_);
                off = wantedPath_.empty() && !stop_;
            }
            if (off) {
                setState(CameraState::Off);  // turned off (or never on): say so, then sleep
                source.reset();
            }
            std::unique_lock lock(mutex_);
            cv_.wait(lock, [&] { return stop_ || !wantedPath_.empty(); });
            if (stop_) break;
            if (wantedPath_ != activePath_ || wantedGeneration_ != activeGeneration_) {
                activePath_ = wantedPath_;
                activeGeneration_ = wantedGeneration_;
                codes_.clear();
                everRan = false;
            }
            factory = factory_;
        }
        seen_.clear();
        setState(everRan ? CameraState::Lost : CameraState::Starting);
        source = factory(activePath_);
        std::string why;
        if (!source || !source->open(why)) {
            if (!everRan) setState(CameraState::Missing);
            spdlog::warn("camera: not available ({}); trying again in {} s", why, settings_.reopenEveryMs / 1000);
            source.reset();
            std::unique_lock lock(mutex_);
            cv_.wait_for(lock, std::chrono::milliseconds(settings_.reopenEveryMs), [&] {
                return stop_ || wantedPath_ != activePath_ || wantedGeneration_ != activeGeneration_;
            });
            continue;
        }
        everRan = true;
        setState(CameraState::Running);
        bool lost = false;
        while (!lost && !sourceChanged()) {
            const auto started = steadyMs();
            auto frame = source->next(200, lost);
            if (!frame) continue;
            handleFrame(*frame);
            const auto spent = steadyMs() - started;
            if (spent < settings_.minFrameIntervalMs) {
                std::unique_lock lock(mutex_);
                cv_.wait_for(lock, std::chrono::milliseconds(settings_.minFrameIntervalMs - spent), [&] {
                    return stop_ || wantedPath_ != activePath_ || wantedGeneration_ != activeGeneration_;
                });
            }
        }
        source->close();
        source.reset();
        if (lost) {
            spdlog::warn("camera: lost; looking for it again");
            setState(CameraState::Lost);
            std::unique_lock lock(mutex_);
            cv_.wait_for(lock, std::chrono::milliseconds(settings_.reopenEveryMs), [&] {
                return stop_ || wantedPath_ != activePath_ || wantedGeneration_ != activeGeneration_;
            });
        } else {
            setState(CameraState::Off);
        }
    }
    setState(CameraState::Off);
}

}  // namespace oh::kiosk
