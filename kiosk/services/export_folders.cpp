#include "kiosk/services/export_folders.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <ctime>
#include <filesystem>

namespace oh::kiosk {

namespace {

namespace fs = std::filesystem;

// The drives under root/USER/NAME (or root/NAME) this process may write to.
void addDrives(const fs::path& root, std::vector<ExportFolder>& out) {
    std::error_code ec;
    if (!fs::is_directory(root, ec)) return;
    for (const auto& user : fs::directory_iterator(root, ec)) {
        if (!user.is_directory(ec)) continue;
        std::vector<fs::path> candidates;
        for (const auto& drive : fs::directory_iterator(user.path(), ec))
            if (drive.is_directory(ec)) candidates.push_back(drive.path());
        if (candidates.empty()) candidates.push_back(user.path());  // /media/NAME
        for (const auto& c : candidates)
            if (::access(c.c_str(), W_OK) == 0) out.push_back({c.string(), c.filename().string()});
    }
}

}  // namespace

std::vector<ExportFolder> exportFolders(const std::string& fallback,
                                        const std::vector<std::string>& mediaRoots) {
    std::vector<ExportFolder> out;
    for (const auto& root : mediaRoots) addDrives(root, out);
    std::sort(out.begin(), out.end(),
              [](const ExportFolder& a, const ExportFolder& b) { return a.path < b.path; });
    out.push_back({fallback, "exports"});
    return out;
}

std::string exportFileName(const std::string& kind, const std::string& extension,
                           std::int64_t unixSeconds) {
    const std::time_t t = static_cast<std::time_t>(unixSeconds);
    std::tm tm{};
    localtime_r(&t, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    return kind + "-" + stamp + "." + extension;
}

}  // namespace oh::kiosk
