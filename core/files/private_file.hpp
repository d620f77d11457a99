// Files that hold personal data or credentials (invitation PNGs and PDFs, badges, screenshots,
// rejected roster rows): mode 0600 from their first byte, whatever the umask, and in place
// atomically, so a reader never sees half a file and a crash never leaves a world-readable copy.
#pragma once

#include <cstdio>
#include <functional>
#include <string>
#include <string_view>

namespace oh {

// Creates `path` with mode 0600 through a temporary file in the same folder (mkstemp):
// `fill` writes the content to the stream and returns false (with *error) on failure. The
// data is flushed and fsync'd before the rename over `path`, and the folder is synced after
// it. On failure returns false with a sentence in *error (if given), removes the temporary
// file and leaves any previous file at `path` untouched.
bool writePrivateFileAtomically(const std::string& path,
                                const std::function<bool(std::FILE*, std::string*)>& fill,
                                std::string* error);

// The same for content already in memory (a CSV, a config file, a copied PDF).
bool writePrivateFileAtomically(const std::string& path, std::string_view bytes,
                                std::string* error);

}  // namespace oh
