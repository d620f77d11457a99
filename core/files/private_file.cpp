#include "core/files/private_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace oh {
namespace {

void setError(std::string* error, std::string message) {
    if (error) *error = std::move(message);
}

std::string quoted(const std::string& path) {
    return "'" + path + "'";
}

std::string folderOf(const std::string& path) {
    const auto slash = path.rfind('/');
    if (slash == std::string::npos) return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

// After a rename the new directory entry is durable only once the folder is synced.
void syncFolder(const std::string& path) {
    const int fd = ::open(folderOf(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;  // best effort: the file content itself is already synced
    ::fsync(fd);
    ::close(fd);
}

struct FileCloser {
    void operator()(std::FILE* f) const {
        if (f) std::fclose(f);
    }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

}  // namespace

bool writePrivateFileAtomically(const std::string& path,
                                const std::function<bool(std::FILE*, std::string*)>& fill,
                                std::string* error) {
    std::string tmp = path + ".tmp-XXXXXX";
    // mkstemp creates the file with mode 0600 whatever the umask.
    const int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
    if (fd < 0) {
        setError(error, "cannot create " + quoted(path) + ": " + std::strerror(errno));
        return false;
    }
    FilePtr file(::fdopen(fd, "wb"));
    if (!file) {
        ::close(fd);
        ::unlink(tmp.c_str());
        setError(error, "cannot create " + quoted(path) + ": " + std::strerror(errno));
        return false;
    }
    std::string fillError;
    bool ok = fill(file.get(), &fillError);
    if (ok && (std::fflush(file.get()) != 0 || ::fsync(fd) != 0)) {
        fillError = std::strerror(errno);
        ok = false;
    }
    if (std::fclose(file.release()) != 0 && ok) {
        fillError = std::strerror(errno);
        ok = false;
    }
    if (ok && ::rename(tmp.c_str(), path.c_str()) != 0) {
        fillError = std::strerror(errno);
        ok = false;
    }
    if (!ok) {
        ::unlink(tmp.c_str());
        setError(error, "cannot write " + quoted(path) + ": " + fillError);
        return false;
    }
    syncFolder(path);
    return true;
}

bool writePrivateFileAtomically(const std::string& path, std::string_view bytes,
                                std::string* error) {
    return writePrivateFileAtomically(
        path,
        [bytes](std::FILE* file, std::string* fillError) {
            if (std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size()) return true;
            *fillError = "write failed (disk full?)";
            return false;
        },
        error);
}

}  // namespace oh
