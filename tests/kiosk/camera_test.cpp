// The camera worker without a camera: fake sources deliver YUYV frames (luma read by stride,
// as from V4L2), go away and come back; MJPEG frames go through libturbojpeg to gray.
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <turbojpeg.h>

#include <atomic>
#include <chrono>
#include <sstream>
#include <thread>

#include "core/render/qr.hpp"
#include "kiosk/platform/camera.hpp"
#include "kiosk_test_support.hpp"

namespace oh::kiosk {
namespace {

using namespace std::chrono_literals;

GrayImage qrFrame(const std::string& text, int w, int h) {
    GrayImage frame(w, h, 150);
    GrayImage qr = renderQr(*encodeQr(text, 'M'), 5);
    blit(frame, qr, (w - qr.width) / 2, (h - qr.height) / 2);
    return frame;
}

// YUYV: Y0 U Y1 V per pixel pair; chroma is noise the decoder must skip by stride.
std::vector<std::uint8_t> toYuyv(const GrayImage& g) {
    std::vector<std::uint8_t> out(static_cast<size_t>(g.width) * g.height * 2);
    for (size_t i = 0; i < g.pixels.size(); ++i) {
        out[i * 2] = g.pixels[i];
        out[i * 2 + 1] = static_cast<std::uint8_t>(i * 37);  // chroma garbage
    }
    return out;
}

struct FakeState {
    std::atomic<bool> present{true};
    std::atomic<int> opens{0};
};

class FakeYuyvSource final : public FrameSource {
  public:
    FakeYuyvSource(std::vector<std::uint8_t> yuyv, int w, int h, FakeState& state)
        : yuyv_(std::move(yuyv)), w_(w), h_(h), state_(state) {}
    bool open(std::string& why) override {
        if (!state_.present) {
            why = "unplugged";
            return false;
        }
        ++state_.opens;
        return true;
    }
    std::optional<CameraFrame> next(int, bool& lost) override {
        std::this_thread::sleep_for(10ms);
        if (!state_.present) {
            lost = true;
            return std::nullopt;
        }
        return CameraFrame{FrameView{yuyv_.data(), w_, h_, 2, w_ * 2}};
    }
    void close() override {}

  private:
    std::vector<std::uint8_t> yuyv_;
    int w_, h_;
    FakeState& state_;
};

// Frame counts and open attempts are not announced by a wake: re-checked until they hold.
template <typename Pred>
bool waitFor(Pred pred) {
    return testing::eventually(pred);
}

TEST(CameraWorker, YuyvFramesDecodeOnceWhileTheCodeIsHeldUpAndAfterAReplug) {
    const std::string token = "OH:CAMERA-WORKER-TEST-CODE-0123456789";
    auto yuyv = toYuyv(qrFrame(token, 640, 360));
    FakeState state;
    CameraSettings settings;
    settings.reopenEveryMs = 50;
    settings.minFrameIntervalMs = 0;
    settings.repeatSuppressMs = 400;
    CameraWorker cam(settings);
    cam.setSourceFactory([&](const std::string&) {
        return std::make_unique<FakeYuyvSource>(yuyv, 640, 360, state);
    });
    cam.setSource("fake://camera", 1);
    std::vector<std::string> codes;
    ASSERT_TRUE(waitFor([&] {
        for (auto& c : cam.takeCodes()) codes.push_back(c);
        return !codes.empty();
    }));
    EXPECT_EQ(codes.front(), token);
    EXPECT_EQ(cam.state(), CameraState::Running);
    // Still in front of the camera: many frames, no second report.
    const auto decoded = cam.framesDecoded();
    ASSERT_TRUE(waitFor([&] { return cam.framesDecoded() > decoded + 10; }));
    EXPECT_TRUE(cam.takeCodes().empty()) << "a code held up to the camera must be reported once";

    state.present = false;  // unplugged
    ASSERT_TRUE(waitFor([&] { return cam.state() == CameraState::Lost; }));
    const auto attempts = cam.openAttempts();
    ASSERT_TRUE(waitFor([&] { return cam.openAttempts() >= attempts + 2; })) << "stopped looking";
    EXPECT_EQ(cam.state(), CameraState::Lost) << "still unplugged: stays lost, keeps looking";
    state.present = true;  // plugged back in
    ASSERT_TRUE(waitFor([&] { return cam.state() == CameraState::Running; }));
    EXPECT_GE(state.opens.load(), 2);
}

TEST(CameraWorker, PreviewOnlyWhenWantedAndDownscaled) {
    auto yuyv = toYuyv(qrFrame("OH:PREVIEW", 640, 360));
    FakeState state;
    CameraSettings settings;
    settings.previewIntervalMs = 0;
    settings.previewWidth = 320;
    CameraWorker cam(settings);
    cam.setSourceFactory([&](const std::string&) {
        return std::make_unique<FakeYuyvSource>(yuyv, 640, 360, state);
    });
    cam.setSource("fake://camera", 1);
    ASSERT_TRUE(waitFor([&] { return cam.framesDecoded() > 3; }));
    PreviewImage p;
    EXPECT_FALSE(cam.preview(p, 0)) << "no preview work unless a screen shows it";
    cam.setPreviewWanted(true);
    ASSERT_TRUE(waitFor([&] { return cam.preview(p, 0); }));
    EXPECT_EQ(p.width, 320);
    EXPECT_EQ(p.height, 180);
    EXPECT_EQ(p.gray[0], 150) << "preview reads luma, not chroma";
}

TEST(CameraWorker, MissingCameraIsReportedAndOffStopsIt) {
    CameraSettings settings;
    settings.reopenEveryMs = 50;
    CameraWorker cam(settings);
    cam.setSource("/dev/video-openhouse-none", 1);
    ASSERT_TRUE(waitFor([&] { return cam.state() == CameraState::Missing; }));
    cam.setSource("", 2);
    ASSERT_TRUE(waitFor([&] { return cam.state() == CameraState::Off; }));
}

// The log of a kiosk without a camera is read for real problems: the missing camera is said
// once (and again only when something changes), not at every retry.
TEST(CameraWorker, AMissingCameraIsLoggedOnceNotAtEveryRetry) {
    std::ostringstream log;
    struct Listen {
        explicit Listen(std::ostringstream& out) {
            spdlog::default_logger()->sinks().push_back(
                std::make_shared<spdlog::sinks::ostream_sink_mt>(out));
        }
        ~Listen() { spdlog::default_logger()->sinks().pop_back(); }
    } listen(log);
    CameraSettings settings;
    settings.reopenEveryMs = 20;
    {
        CameraWorker cam(settings);
        cam.setSource("/dev/video-openhouse-none", 1);
        ASSERT_TRUE(waitFor([&] { return cam.openAttempts() >= 6; }));
        EXPECT_EQ(cam.state(), CameraState::Missing);
    }
    const std::string text = log.str();
    auto count = [&](const std::string& what) {
        size_t said = 0;
        for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
            ++said;
        return said;
    };
    EXPECT_EQ(count("not available"), 1u) << text;
    EXPECT_EQ(count("camera: missing"), 1u) << text;
    EXPECT_LE(count("camera: starting"), 1u) << text;
}

TEST(Mjpeg, DecodesToGrayAndRefusesCorruptOrWrongSizeFrames) {
    GrayImage g = qrFrame("OH:MJPEG", 320, 240);
    tjhandle enc = tjInitCompress();
    unsigned char* jpeg = nullptr;
    unsigned long size = 0;
    ASSERT_EQ(tjCompress2(enc, g.pixels.data(), g.width, 0, g.height, TJPF_GRAY, &jpeg, &size,
                          TJSAMP_GRAY, 90, 0),
              0);
    tjhandle dec = tjInitDecompress();
    std::vector<std::uint8_t> out;
    ASSERT_TRUE(decodeMjpegGray(dec, jpeg, size, 320, 240, out));
    ASSERT_EQ(out.size(), 320u * 240u);
    EXPECT_NEAR(out[0], 150, 4);
    EXPECT_EQ(decodeQr(FrameView{out.data(), 320, 240, 1, 320}).value_or(""), "OH:MJPEG");
    EXPECT_FALSE(decodeMjpegGray(dec, jpeg, size, 640, 480, out))
        << "size must match the negotiated format";
    EXPECT_FALSE(decodeMjpegGray(dec, jpeg, 20, 320, 240, out)) << "a torn frame is skipped";
    tjFree(jpeg);
    tjDestroy(enc);
    tjDestroy(dec);
}

}  // namespace
}  // namespace oh::kiosk
