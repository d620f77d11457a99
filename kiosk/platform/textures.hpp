// GPU textures for what ImGui cannot draw itself: names and welcome lines shaped by pango
// (core/text_render), and the camera preview. Screens ask for a texture by content and get
// an ImTextureID back; they never see GL.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <imgui.h>

#include "core/render/text_render.hpp"
#include "kiosk/platform/camera.hpp"

namespace oh::kiosk {

struct TextureView {
    ImTextureID id = nullptr;
    float width = 0;  // pixels
    float height = 0;
    float baseline = 0;
    int unknownGlyphs = 0;
};

// One RGBA texture. UI thread only (the GL context lives there).
class GlTexture {
  public:
    GlTexture() = default;
    ~GlTexture();
    GlTexture(GlTexture&& o) noexcept : id_(o.id_), w_(o.w_), h_(o.h_) { o.id_ = 0; }
    GlTexture& operator=(GlTexture&& o) noexcept;
    GlTexture(const GlTexture&) = delete;
    GlTexture& operator=(const GlTexture&) = delete;

    void upload(int width, int height, const std::uint8_t* rgba);
    ImTextureID id() const {
        return reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(id_));
    }
    int width() const { return w_; }
    int height() const { return h_; }
    bool valid() const { return id_ != 0; }

  private:
    unsigned id_ = 0;
    int w_ = 0;
    int h_ = 0;
};

// Cached pango renderings. A texture unused for a few frames is dropped: names are personal
// data and must not linger in GPU memory after their screen is gone.
class TextTextures {
  public:
    // Nullptr-safe to call without a GL context? No: UI thread inside a frame only.
    TextureView get(const std::string& utf8, const TextStyle& style);
    void endFrame();
    // The camera's newest preview (re-uploaded only when the worker has a newer one; the worker
    // limits those to ~10 per second). Empty view when there is none.
    TextureView cameraPreview(const CameraWorker& camera);
    void dropPreview() {
        preview_ = GlTexture();
        previewSeq_ = 0;
    }
    void clear() { cache_.clear(); }
    std::size_t size() const { return cache_.size(); }

  private:
    using Key = std::tuple<std::string, int, bool, std::uint32_t, int, int, std::string>;
    struct Entry {
        GlTexture texture;
        int baseline = 0;
        int unknownGlyphs = 0;
        int unusedFrames = 0;
    };
    std::map<Key, Entry> cache_;
    GlTexture preview_;
    std::uint64_t previewSeq_ = 0;
    PreviewImage scratch_;
    std::vector<std::uint8_t> rgba_;
};

}  // namespace oh::kiosk
