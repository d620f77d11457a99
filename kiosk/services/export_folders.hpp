// Where the lead's dashboard may write its exports: the removable drives mounted now (a USB
// stick under /media/USER/ or /run/media/USER/, as desktop automounters place them) and the
// kiosk's own exports folder, which is always offered last. Read when the Actions tab opens,
// never per frame.
#pragma once

#include <string>
#include <vector>

namespace oh::kiosk {

struct ExportFolder {
    std::string path;
    std::string label;  // the stick's name, or "exports" for the kiosk's own folder
};

// `fallback` is the kiosk's own exports folder (created 0700 when first used); `mediaRoots`
// are where removable drives appear (tests pass their own).
std::vector<ExportFolder> exportFolders(const std::string& fallback,
                                        const std::vector<std::string>& mediaRoots = {
                                            "/media", "/run/media"});

// "offer-slots-20261202-1405.xlsx": the file a kind gets in the folder, stamped with the
// local time so a second export does not replace the first.
std::string exportFileName(const std::string& kind, const std::string& extension,
                           std::int64_t unixSeconds);

}  // namespace oh::kiosk
