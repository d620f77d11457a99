#include "core/files/private_temp_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace oh {
namespace {

std::string errnoText(int error) {
    return std::strerror(error);
}

std::string directoryOf(const std::string& path) {
    std::string dir = std::filesystem::path(path).parent_path().string();
    return dir.empty() ? "." : dir;
}

}  // namespace

void PrivateTempFile::fail(const std::string& what, int errnoValue) const {
    throw PrivateFileError("cannot write " + label_ + " " + target_ + ": " + what, errnoValue);
}

// The same folder, so rename() is atomic (one file system); created 0600 by mkstemp so names
// and e-mails are never readable by others, not even for a moment.
PrivateTempFile::PrivateTempFile(const std::string& target, const std::string& label)
    : target_(target), label_(label) {
    std::string pattern = target + ".tmp-XXXXXX";
    fd_ = ::mkostemp(pattern.data(), O_CLOEXEC);
    if (fd_ < 0) {
        int error = errno;
        fail("cannot create a temporary file: " + errnoText(error), error);
    }
    path_ = pattern;
    // mkstemp asks for 0600 but through the umask; make it exact whatever the umask.
    if (::fchmod(fd_, 0600) != 0) {
        int error = errno;
        ::close(fd_);
        ::unlink(path_.c_str());  // the destructor does not run for a throwing constructor
        fail("cannot set the file mode: " + errnoText(error), error);
    }
}

PrivateTempFile::~PrivateTempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_) ::unlink(path_.c_str());
}

void PrivateTempFile::write(std::string_view data) {
    while (!data.empty()) {
        ssize_t n = ::write(fd_, data.data(), data.size());
        if (n < 0 && errno == EINTR) continue;
        // A short write means the next write reports why (ENOSPC, EFBIG), so loop on.
        if (n < 0) {
            int error = errno;
            fail("write failed: " + errnoText(error), error);
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
}

void PrivateTempFile::releaseDescriptor() {
    int fd = fd_;
    fd_ = -1;
    if (fd >= 0 && ::close(fd) != 0) {
        int error = errno;
        fail("cannot close the temporary file: " + errnoText(error), error);
    }
}

void PrivateTempFile::commit() {
    if (fd_ < 0) {
        fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (fd_ < 0) {
            int error = errno;
            fail("cannot reopen the temporary file: " + errnoText(error), error);
        }
    }
    // Again here: a writer that recreated the file by name would have used the umask.
    if (::fchmod(fd_, 0600) != 0) {
        int error = errno;
        fail("cannot set the file mode: " + errnoText(error), error);
    }
    if (::fsync(fd_) != 0) {
        int error = errno;
        fail("cannot sync the file: " + errnoText(error), error);
    }
    int fd = fd_;
    fd_ = -1;
    // close() is where some file systems (NFS) report a failed write-back.
    if (::close(fd) != 0) {
        int error = errno;
        fail("cannot close the file: " + errnoText(error), error);
    }
    if (::rename(path_.c_str(), target_.c_str()) != 0) {
        int error = errno;
        fail("cannot replace the file: " + errnoText(error), error);
    }
    committed_ = true;
    syncDirectory();
}

// After the rename the new directory entry is durable only once the folder is synced.
void PrivateTempFile::syncDirectory() {
    std::string dir = directoryOf(target_);
    int dirFd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd < 0) {
        int error = errno;
        fail("cannot open its folder to sync it: " + errnoText(error), error);
    }
    int rc = ::fsync(dirFd);
    int error = errno;
    ::close(dirFd);
    // Some file systems cannot sync a folder at all (EINVAL); that is not a failed write.
    // The new file is already in place, so the message says the rename may not be durable.
    if (rc != 0 && error != EINVAL && error != ENOTSUP)
        fail("written, but syncing its folder failed: " + errnoText(error), error);
}

}  // namespace oh
