// A private file written in place atomically, for writers that stream or open the file by
// name themselves (the lead's exports: CSV and XLSX): a temporary file in the target's
// folder, 0600 from its first byte whatever the umask, synced and renamed over the target,
// then the folder synced. Any failure throws PrivateFileError (with the errno behind it, so
// a caller can tell a missing folder from a full disk) and leaves the previous file, if any,
// untouched and no temporary behind.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace oh {

struct PrivateFileError : std::runtime_error {
    PrivateFileError(const std::string& message, int errnoValue)
        : std::runtime_error(message), error(errnoValue) {}
    int error = 0;  // errno of the failed call; 0 when not a system call (a library said no)
};

class PrivateTempFile {
  public:
    // `label` names the file in messages: "cannot write the offer-slot export PATH: ...".
    PrivateTempFile(const std::string& target, const std::string& label);
    ~PrivateTempFile();  // removes the temporary unless commit() renamed it
    PrivateTempFile(const PrivateTempFile&) = delete;
    PrivateTempFile& operator=(const PrivateTempFile&) = delete;

    const std::string& path() const { return path_; }  // the temporary's name

    void write(std::string_view data);
    // For writers that open the file by name themselves (libxlsxwriter): our descriptor is
    // closed first, and commit() reopens the file to set its mode and sync it.
    void releaseDescriptor();
    // Syncs the data, renames over the target, then syncs the folder.
    void commit();
    // Throws PrivateFileError with the target and `label` in its message.
    [[noreturn]] void fail(const std::string& what, int errnoValue) const;

  private:
    void syncDirectory();

    std::string target_;
    std::string label_;
    std::string path_;
    int fd_ = -1;
    bool committed_ = false;
};

}  // namespace oh
