// The V4L2 frame source (see frame_source.hpp) and the MJPEG-to-gray decoder it uses.
#include <fcntl.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <turbojpeg.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "kiosk/platform/frame_source.hpp"

namespace oh::kiosk {

namespace {

int xioctl(int fd, unsigned long request, void* arg) {
    int r;
    do {
        r = ioctl(fd, request, arg);
    } while (r == -1 && errno == EINTR);
    return r;
}

class V4l2Source final : public FrameSource {
  public:
    V4l2Source(std::string device, int width, int height)
        : device_(std::move(device)), width_(width), height_(height) {}
    ~V4l2Source() override { close(); }

    bool open(std::string& why) override {
        fd_ = ::open(device_.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
        if (fd_ < 0) {
            why = device_ + ": " + std::strerror(errno);
            return false;
        }
        v4l2_capability cap{};
        if (xioctl(fd_, VIDIOC_QUERYCAP, &cap) < 0 ||
            !(cap.capabilities & V4L2_CAP_VIDEO_CAPTURE) ||
            !(cap.capabilities & V4L2_CAP_STREAMING))
            return fail(why, "not a streaming capture device");
        if (!setFormat(V4L2_PIX_FMT_YUYV) && !setFormat(V4L2_PIX_FMT_MJPEG))
            return fail(why, "neither YUYV nor MJPEG is offered");
        if (!mapBuffers(why)) return false;
        v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        if (xioctl(fd_, VIDIOC_STREAMON, &type) < 0) return fail(why, "VIDIOC_STREAMON failed");
        if (pixfmt_ == V4L2_PIX_FMT_MJPEG) jpeg_ = tjInitDecompress();
        spdlog::info("camera: {} streaming {}x{} {}", device_, width_, height_,
                     pixfmt_ == V4L2_PIX_FMT_YUYV ? "YUYV" : "MJPEG");
        return true;
    }

    // The reason, with the device's name; the device closed again.
    bool fail(std::string& why, const char* reason) {
        why = device_ + ": " + reason;
        close();
        return false;
    }

    // A few mmap buffers, queued for the driver to fill.
    bool mapBuffers(std::string& why) {
        v4l2_requestbuffers req{};
        req.count = 3;  // enough to always have a fresh one; more only adds latency
        req.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        req.memory = V4L2_MEMORY_MMAP;
        if (xioctl(fd_, VIDIOC_REQBUFS, &req) < 0 || req.count < 2)
            return fail(why, "cannot get mmap buffers");
        for (unsigned i = 0; i < req.count; ++i) {
            v4l2_buffer buf{};
            buf.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
            buf.memory = V4L2_MEMORY_MMAP;
            buf.index = i;
            if (xioctl(fd_, VIDIOC_QUERYBUF, &buf) < 0) return fail(why, "VIDIOC_QUERYBUF failed");
            void* p =
                mmap(nullptr, buf.length, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, buf.m.offset);
            if (p == MAP_FAILED) return fail(why, "mmap failed");
            buffers_.push_back({p, buf.length});
            if (xioctl(fd_, VIDIOC_QBUF, &buf) < 0) return fail(why, "VIDIOC_QBUF failed");
        }
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

}  // namespace

bool decodeMjpegGray(void* handle, const std::uint8_t* bytes, std::size_t size, int width,
                     int height, std::vector<std::uint8_t>& out) {
    if (!handle || !bytes || size == 0) return false;
    int w = 0, h = 0, subsamp = 0, colorspace = 0;
    auto* jpeg = static_cast<tjhandle>(handle);
    if (tjDecompressHeader3(jpeg, bytes, static_cast<unsigned long>(size), &w, &h, &subsamp,
                            &colorspace) != 0 ||
        w != width || h != height) {
        return false;
    }
    out.resize(static_cast<size_t>(width) * height);
    return tjDecompress2(jpeg, bytes, static_cast<unsigned long>(size), out.data(), width, 0,
                         height, TJPF_GRAY, TJFLAG_FASTDCT) == 0;
}

std::unique_ptr<FrameSource> makeV4l2Source(std::string device, int width, int height) {
    return std::make_unique<V4l2Source>(std::move(device), width, height);
}

}  // namespace oh::kiosk
