#include "core/render/qr.hpp"

#include <qrencode.h>

#include <ZXing/ReadBarcode.h>

#include <exception>
#include <memory>

namespace oh {

// ---- encoding ----------------------------------------------------------------

namespace {

std::optional<QRecLevel> ecLevelOf(char level) {
    switch (level) {
        case 'L':
        case 'l':
            return QR_ECLEVEL_L;
        case 'M':
        case 'm':
            return QR_ECLEVEL_M;
        case 'Q':
        case 'q':
            return QR_ECLEVEL_Q;
        case 'H':
        case 'h':
            return QR_ECLEVEL_H;
        default:
            return std::nullopt;
    }
}

struct QrcodeDeleter {
    void operator()(QRcode* code) const { QRcode_free(code); }
};
using QrcodePtr = std::unique_ptr<QRcode, QrcodeDeleter>;

}  // namespace

std::optional<QrCode> encodeQr(std::string_view text, char ecLevel) {
    const auto level = ecLevelOf(ecLevel);
    // QRcode_encodeString reads a C string: an embedded NUL would silently cut the text.
    if (!level || text.empty() || text.find('\0') != std::string_view::npos) return std::nullopt;
    const std::string cText(text);
    // Hint QR_MODE_8 means "no Shift-JIS Kanji"; qrencode still splits the text into
    // numeric/alphanumeric/byte segments, which is what keeps a token at version 8.
    QrcodePtr raw(QRcode_encodeString(cText.c_str(), 0, *level, QR_MODE_8, 1));
    if (!raw) return std::nullopt;  // too long for version 40, or out of memory

    QrCode code;
    code.version = raw->version;
    code.size = raw->width + 2 * kQrQuietZoneModules;
    code.dark.assign(static_cast<std::size_t>(code.size) * code.size, 0);
    for (int y = 0; y < raw->width; ++y) {
        for (int x = 0; x < raw->width; ++x) {
            const std::uint8_t module = raw->data[y * raw->width + x];
            const int row = y + kQrQuietZoneModules, col = x + kQrQuietZoneModules;
            code.dark[static_cast<std::size_t>(row) * code.size + col] = module & 1;  // bit 0: dark
        }
    }
    return code;
}

GrayImage renderQr(const QrCode& code, int pixelsPerModule) {
    if (pixelsPerModule < 1 || code.size <= 0 ||
        code.dark.size() != static_cast<std::size_t>(code.size) * code.size ||
        static_cast<std::int64_t>(code.size) * pixelsPerModule > kMaxImageSide) {
        return {};
    }
    const int side = code.size * pixelsPerModule;
    GrayImage image(side, side, 255);
    for (int y = 0; y < side; ++y) {
        const int my = y / pixelsPerModule;
        for (int x = 0; x < side; ++x) {
            if (code.isDark(x / pixelsPerModule, my)) image.at(x, y) = 0;
        }
    }
    return image;
}

// ---- decoding ----------------------------------------------------------------

namespace {

int rowStrideOf(const FrameView& frame) {
    return frame.rowStride != 0 ? frame.rowStride : frame.width * frame.pixelStride;
}

bool isUsable(const FrameView& frame) {
    if (!frame.data || frame.width <= 0 || frame.height <= 0 || frame.pixelStride < 1) return false;
    const std::int64_t rowBytes =
        static_cast<std::int64_t>(frame.width - 1) * frame.pixelStride + 1;
    return rowStrideOf(frame) >= rowBytes;
}

// Copies the luma plane into a packed buffer, inverted (255 - v), so ZXing sees a
// dark-on-light code. ZXing 1.4 has no tryInvert; 2.x does, but this stays portable.
FrameView invertInto(const FrameView& frame, std::vector<std::uint8_t>& scratch) {
    scratch.resize(static_cast<std::size_t>(frame.width) * frame.height);
    const int stride = rowStrideOf(frame);
    std::uint8_t* out = scratch.data();
    for (int y = 0; y < frame.height; ++y) {
        const std::uint8_t* in = frame.data + static_cast<std::ptrdiff_t>(y) * stride;
        if (frame.pixelStride == 1) {
            for (int x = 0; x < frame.width; ++x) *out++ = static_cast<std::uint8_t>(~in[x]);
        } else {
            for (int x = 0; x < frame.width; ++x) {
                *out++ = static_cast<std::uint8_t>(~in[x * frame.pixelStride]);
            }
        }
    }
    return {scratch.data(), frame.width, frame.height, 1, frame.width};
}

ZXing::DecodeHints hintsFor(const DecodeOptions& options) {
    if (options.zxingDefaults) return {};
    ZXing::DecodeHints hints;
    hints.setTryHarder(options.tryHarder);
    hints.setTryRotate(options.tryRotate);
    hints.setMaxNumberOfSymbols(1);  // a kiosk wants one code; stop at the first
    if (options.qrOnly) hints.setFormats(ZXing::BarcodeFormat::QRCode);
    return hints;
}

std::optional<std::string> readWithZxing(const FrameView& frame, const DecodeOptions& options) {
    const ZXing::ImageView view(frame.data, frame.width, frame.height, ZXing::ImageFormat::Lum,
                                rowStrideOf(frame), frame.pixelStride);
    try {
        const ZXing::Result result = ZXing::ReadBarcode(view, hintsFor(options));
        if (!result.isValid()) return std::nullopt;
        return result.text();
    } catch (const std::exception&) {
        return std::nullopt;  // a camera frame must never take the kiosk down
    }
}

// 2x2 box average (optionally inverted) into a packed buffer: a quarter of the
// pixels for a cheap probe pass. Averaging rather than skipping pixels keeps
// modules of about 2 px (a code ~120 px wide at full resolution) readable.
FrameView halveInto(const FrameView& frame, bool invert, std::vector<std::uint8_t>& scratch) {
    const int w = frame.width / 2, h = frame.height / 2, stride = rowStrideOf(frame);
    const int ps = frame.pixelStride;
    scratch.resize(static_cast<std::size_t>(w) * h);
    std::uint8_t* out = scratch.data();
    for (int y = 0; y < h; ++y) {
        const std::uint8_t* r0 = frame.data + static_cast<std::ptrdiff_t>(2 * y) * stride;
        const std::uint8_t* r1 = r0 + stride;
        for (int x = 0; x < w; ++x) {
            const int i = 2 * x * ps;
            const int sum = r0[i] + r0[i + ps] + r1[i] + r1[i + ps];
            const auto v = static_cast<std::uint8_t>((sum + 2) / 4);
            *out++ = invert ? static_cast<std::uint8_t>(~v) : v;
        }
    }
    return {scratch.data(), w, h, 1, w};
}

std::optional<std::string> decodeWith(const FrameView& frame, const DecodeOptions& options,
                                      std::vector<std::uint8_t>& scratch) {
    if (!isUsable(frame)) return std::nullopt;
    if (!options.inverted) return readWithZxing(frame, options);
    return readWithZxing(invertInto(frame, scratch), options);
}

}  // namespace

std::optional<std::string> decodeQr(const FrameView& frame, const DecodeOptions& options) {
    std::vector<std::uint8_t> scratch;
    return decodeWith(frame, options, scratch);
}

LiveDecoder::LiveDecoder(int harderEvery) : harderEvery_(harderEvery < 1 ? 1 : harderEvery) {}

std::optional<std::string> LiveDecoder::pass(const FrameView& frame, bool inverted, bool harder) {
    DecodeOptions options;
    options.inverted = inverted;
    options.tryHarder = harder;
    auto text = decodeWith(frame, options, scratch_);
    if (text) preferInverted_ = inverted;
    return text;
}

std::optional<std::string> LiveDecoder::probe(const FrameView& frame, bool inverted) {
    // Only worth it when the halved frame is still large (720p -> 640x360).
    if (frame.width < 960 || frame.height < 540) return pass(frame, inverted, false);
    auto text = readWithZxing(halveInto(frame, inverted, scratch_), DecodeOptions{});
    if (text) preferInverted_ = inverted;
    return text;
}

std::optional<std::string> LiveDecoder::decode(const FrameView& frame) {
    if (!isUsable(frame)) return std::nullopt;
    const std::uint64_t n = frames_++;
    const bool first = preferInverted_;
    if (auto text = pass(frame, first, false)) return text;
    // The extra passes are spread over frames so that an empty scene (the
    // common case at a kiosk) costs little more than one fast pass per frame:
    // the other polarity is probed at half resolution every other frame
    // (a phone held up to the camera shows a large code) ...
    if (n % 2 == 1) {
        if (auto text = probe(frame, !first)) return text;
    }
    // ... and a full-resolution harder pass, alternating polarity, catches
    // small or blurred codes of either kind every harderEvery frames.
    if (n % static_cast<std::uint64_t>(harderEvery_) == 0) {
        const bool inverted = (n / harderEvery_) % 2 == 1 ? !first : first;
        if (auto text = pass(frame, inverted, true)) return text;
    }
    return std::nullopt;
}

}  // namespace oh
