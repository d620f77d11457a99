// Folders that hold personal data or credentials (the data folder, device stores, kiosk
// screenshots): mode 0700, whatever the umask.
#pragma once

#include <string>

namespace oh {

// Creates `path` and any missing parents, each with mode 0700 from the start (mkdir with
// 0700, then set exactly, so a umask of 0 or 0277 changes nothing). When `path` exists
// already and narrowExisting is set, its group and other permissions are removed, but only
// if this user owns it and it is not a shared sticky folder such as /tmp. false with a
// sentence in *error when it cannot be created or is not a folder.
bool makePrivateDirectory(const std::string& path, bool narrowExisting, std::string* error);

}  // namespace oh
