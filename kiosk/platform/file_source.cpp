// The file replay frame source (see frame_source.hpp): demos, scenarios and tests show the
// camera images instead of holding codes up to a real one.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <thread>

#include "core/render/image.hpp"
#include "kiosk/platform/frame_source.hpp"

namespace oh::kiosk {

namespace {

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
                std::transform(ext.begin(), ext.end(), ext.begin(),
                               [](unsigned char c) { return std::tolower(c); });
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

}  // namespace

std::unique_ptr<FrameSource> makeFileSource(std::string path, int frameMs, int passPauseMs) {
    return std::make_unique<FileSource>(std::move(path), frameMs, passPauseMs);
}

}  // namespace oh::kiosk
