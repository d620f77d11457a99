#include "kiosk/platform/textures.hpp"

#include <SDL.h>

#include <stdexcept>

namespace oh::kiosk {

namespace {

constexpr unsigned kTexture2D = 0x0DE1;
constexpr unsigned kRgba = 0x1908;
constexpr unsigned kRgba8 = 0x8058;
constexpr unsigned kUnsignedByte = 0x1401;
constexpr unsigned kMinFilter = 0x2801;
constexpr unsigned kMagFilter = 0x2800;
constexpr unsigned kLinear = 0x2601;
constexpr unsigned kWrapS = 0x2802;
constexpr unsigned kWrapT = 0x2803;
constexpr unsigned kClampToEdge = 0x812F;
constexpr unsigned kUnpackAlignment = 0x0CF5;
constexpr unsigned kUnpackRowLength = 0x0CF2;
constexpr unsigned kTextureBinding2D = 0x8069;

struct Gl {
    void (*genTextures)(int, unsigned*);
    void (*deleteTextures)(int, const unsigned*);
    void (*bindTexture)(unsigned, unsigned);
    void (*texImage2D)(unsigned, int, int, int, int, int, unsigned, unsigned, const void*);
    void (*texParameteri)(unsigned, unsigned, int);
    void (*pixelStorei)(unsigned, int);
    void (*getIntegerv)(unsigned, int*);
};

template <typename Fn>
void load(Fn& fn, const char* name) {
    fn = reinterpret_cast<Fn>(SDL_GL_GetProcAddress(name));
    if (!fn) throw std::runtime_error(std::string("OpenGL function missing: ") + name);
}

const Gl& gl() {
    static const Gl g = [] {
        Gl x{};
        load(x.genTextures, "glGenTextures");
        load(x.deleteTextures, "glDeleteTextures");
        load(x.bindTexture, "glBindTexture");
        load(x.texImage2D, "glTexImage2D");
        load(x.texParameteri, "glTexParameteri");
        load(x.pixelStorei, "glPixelStorei");
        load(x.getIntegerv, "glGetIntegerv");
        return x;
    }();
    return g;
}

// ImGui's OpenGL3 backend blends with SRC_ALPHA, ONE_MINUS_SRC_ALPHA: straight alpha is right.
std::uint32_t key(const TextStyle& s) {
    return s.rgba;
}

}  // namespace

GlTexture::~GlTexture() {
    if (id_) gl().deleteTextures(1, &id_);
}

GlTexture& GlTexture::operator=(GlTexture&& o) noexcept {
    if (this != &o) {
        if (id_) gl().deleteTextures(1, &id_);
        id_ = o.id_;
        w_ = o.w_;
        h_ = o.h_;
        o.id_ = 0;
    }
    return *this;
}

void GlTexture::upload(int width, int height, const std::uint8_t* rgba) {
    const Gl& g = gl();
    int previous = 0;
    g.getIntegerv(kTextureBinding2D, &previous);
    if (!id_) g.genTextures(1, &id_);
    g.bindTexture(kTexture2D, id_);
    g.texParameteri(kTexture2D, kMinFilter, static_cast<int>(kLinear));
    g.texParameteri(kTexture2D, kMagFilter, static_cast<int>(kLinear));
    g.texParameteri(kTexture2D, kWrapS, static_cast<int>(kClampToEdge));
    g.texParameteri(kTexture2D, kWrapT, static_cast<int>(kClampToEdge));
    g.pixelStorei(kUnpackAlignment, 1);
    g.pixelStorei(kUnpackRowLength, 0);
    g.texImage2D(kTexture2D, 0, static_cast<int>(kRgba8), width, height, 0, kRgba, kUnsignedByte,
                 rgba);
    g.bindTexture(kTexture2D, static_cast<unsigned>(previous));
    w_ = width;
    h_ = height;
}

TextureView TextTextures::get(const std::string& utf8, const TextStyle& style) {
    Key k{utf8,
          static_cast<int>(style.sizePx * 4),
          style.bold,
          key(style),
          style.maxWidthPx,
          static_cast<int>(style.align),
          style.language};
    auto it = cache_.find(k);
    if (it == cache_.end()) {
        RenderedText r = renderText(utf8, style);
        Entry e;
        e.baseline = r.baseline;
        e.unknownGlyphs = r.unknownGlyphs;
        if (!r.image.empty())
            e.texture.upload(r.image.width, r.image.height, r.image.pixels.data());
        it = cache_.emplace(std::move(k), std::move(e)).first;
    }
    it->second.unusedFrames = 0;
    const Entry& e = it->second;
    return TextureView{
        e.texture.valid() ? e.texture.id() : nullptr, static_cast<float>(e.texture.width()),
        static_cast<float>(e.texture.height()), static_cast<float>(e.baseline), e.unknownGlyphs};
}

TextureView TextTextures::cameraPreview(const CameraWorker& camera) {
    if (camera.preview(scratch_, previewSeq_)) {
        previewSeq_ = scratch_.seq;
        if (scratch_.gray.empty()) {
            preview_ = GlTexture();
        } else {
            rgba_.resize(scratch_.gray.size() * 4);
            for (size_t i = 0; i < scratch_.gray.size(); ++i) {
                const std::uint8_t v = scratch_.gray[i];
                rgba_[i * 4] = rgba_[i * 4 + 1] = rgba_[i * 4 + 2] = v;
                rgba_[i * 4 + 3] = 255;
            }
            preview_.upload(scratch_.width, scratch_.height, rgba_.data());
        }
    }
    if (!preview_.valid() || camera.state() != CameraState::Running) return {};
    return TextureView{preview_.id(), static_cast<float>(preview_.width()),
                       static_cast<float>(preview_.height()), 0, 0};
}

void TextTextures::endFrame() {
    for (auto it = cache_.begin(); it != cache_.end();) {
        if (++it->second.unusedFrames > 3) {
            it = cache_.erase(it);
        } else {
            ++it;
        }
    }
}

}  // namespace oh::kiosk
