#include "core/files/private_dir.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace oh {
namespace {

bool fail(std::string* error, const std::string& message) {
    if (error) *error = message;
    return false;
}

}  // namespace

bool makePrivateDirectory(const std::string& path, bool narrowExisting, std::string* error) {
    if (path.empty()) return fail(error, "no folder given");
    std::filesystem::path prefix;
    for (const auto& part : std::filesystem::path(path)) {
        prefix /= part;
        if (part.empty() || part == "/" || part == "." || part == "..") continue;
        const std::string current = prefix.string();
        if (::mkdir(current.c_str(), 0700) == 0) {
            // mkdir applies the umask; a folder we made is exactly 0700.
            if (::chmod(current.c_str(), 0700) != 0)
                return fail(error,
                            "cannot set the mode of " + current + ": " + std::strerror(errno));
        } else if (errno != EEXIST) {
            return fail(error, "cannot create " + current + ": " + std::strerror(errno));
        }
    }
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return fail(error, "cannot create " + path + ": " + std::strerror(errno));
    if (!S_ISDIR(st.st_mode)) return fail(error, path + " exists and is not a folder");
    const bool open = (st.st_mode & 077) != 0;
    const bool ours = st.st_uid == ::geteuid() && (st.st_mode & S_ISVTX) == 0;
    if (narrowExisting && open && ours && ::chmod(path.c_str(), st.st_mode & 07700) != 0)
        return fail(error, "cannot set the mode of " + path + " to 0700: " + std::strerror(errno));
    return true;
}

}  // namespace oh
