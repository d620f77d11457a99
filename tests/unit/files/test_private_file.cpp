// writePrivateFileAtomically: 0600 from the first byte whatever the umask, in place atomically,
// and nothing left behind (or replaced) when writing fails.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/files/private_file.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;
namespace fs = std::filesystem;

namespace {

unsigned modeOf(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// The in-memory overload: every test below that writes text goes through it.
bool writeText(const std::string& path, const std::string& text, std::string* error) {
    return writePrivateFileAtomically(path, text, error);
}

std::size_t entries(const std::string& dir) {
    return static_cast<std::size_t>(
        std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

// Sets the umask for one test and puts it back.
struct Umask {
    explicit Umask(mode_t m) : old(::umask(m)) {}
    ~Umask() { ::umask(old); }
    mode_t old;
};

}  // namespace

TEST(PrivateFile, IsCreated0600EvenWithAnOpenUmask) {
    TempDir dir;
    Umask open(0);
    const std::string p = dir.file("codes.csv");
    std::string error;
    ASSERT_TRUE(writeText(p, "ana@example.org,OH:ABC\n", &error)) << error;
    EXPECT_EQ(modeOf(p), 0600u);
    EXPECT_EQ(slurp(p), "ana@example.org,OH:ABC\n");
    EXPECT_EQ(entries(dir.path()), 1u);  // no temporary file left
}

TEST(PrivateFile, ReplacesAWorldReadableFileWithAPrivateOne) {
    TempDir dir;
    const std::string p = dir.file("codes.csv");
    { std::ofstream(p) << "old"; }
    ASSERT_EQ(::chmod(p.c_str(), 0644), 0);
    std::string error;
    ASSERT_TRUE(writeText(p, "new", &error)) << error;
    EXPECT_EQ(modeOf(p), 0600u);
    EXPECT_EQ(slurp(p), "new");
    EXPECT_EQ(entries(dir.path()), 1u);
}

TEST(PrivateFile, AFailedFillLeavesThePreviousFileAndNoTemporary) {
    TempDir dir;
    const std::string p = dir.file("codes.csv");
    std::string error;
    ASSERT_TRUE(writeText(p, "kept", &error)) << error;
    const bool written = writePrivateFileAtomically(
        p,
        [](std::FILE* file, std::string* fillError) {
            std::fputs("half", file);
            *fillError = "encoder failed";
            return false;
        },
        &error);
    EXPECT_FALSE(written);
    EXPECT_NE(error.find("encoder failed"), std::string::npos) << error;
    EXPECT_NE(error.find(p), std::string::npos) << error;
    EXPECT_EQ(slurp(p), "kept");
    EXPECT_EQ(entries(dir.path()), 1u);
}

TEST(PrivateFile, AMissingFolderIsAnErrorNotACrash) {
    TempDir dir;
    std::string error;
    EXPECT_FALSE(writeText(dir.file("no/such/folder/x.csv"), "x", &error));
    EXPECT_NE(error.find("cannot create"), std::string::npos) << error;
    EXPECT_FALSE(writeText(dir.file("no/such/folder/x.csv"), "x", nullptr));  // error optional
}
