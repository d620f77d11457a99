// The export files themselves: 0600 from the first byte whatever the umask, atomic
// replacement, and a folder that cannot take the file is a status with a clear message that
// leaves nothing behind (never an exception).
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

#include "tests/unit/exports/export_fixture.hpp"

namespace oh::exporttest {
namespace {

namespace fs = std::filesystem;

constexpr ExportKind kKinds[] = {ExportKind::Slots, ExportKind::Scores, ExportKind::CheckIns};
constexpr ExportFormat kFormats[] = {ExportFormat::Csv, ExportFormat::Xlsx};

std::string fileName(ExportKind kind, ExportFormat format) {
    return std::string(exportKindName(kind)) + "." + exportFormatName(format);
}

class ExportFiles : public ExportFixture {};

}  // namespace

TEST_F(ExportFiles, EveryListInEveryFormatIsMode0600EvenWithUmaskZero) {
    const mode_t old = ::umask(0);
    for (ExportKind kind : kKinds)
        for (ExportFormat format : kFormats) {
            const std::string path = dir.file(fileName(kind, format));
            ExportResult r = exportTo(kind, format, path);
            EXPECT_TRUE(r.ok()) << r.message;
            EXPECT_EQ(modeOf(path), 0600u) << path;
        }
    ::umask(old);
    EXPECT_EQ(filesIn(dir.path()).size(), 6u) << "no temporary file left";
}

TEST_F(ExportFiles, AMissingFolderIsABadFolderStatusNamingThePathAndLeavesNothing) {
    for (ExportKind kind : kKinds)
        for (ExportFormat format : kFormats) {
            const std::string path = dir.file("no-such-folder/" + fileName(kind, format));
            ExportResult r = exportTo(kind, format, path);
            EXPECT_EQ(r.status, ExportStatus::BadFolder) << exportStatusName(r.status);
            EXPECT_NE(r.message.find(path), std::string::npos) << r.message;
            EXPECT_EQ(r.message.find('\n'), std::string::npos) << "one line";
        }
    EXPECT_TRUE(filesIn(dir.path()).empty());
}

TEST_F(ExportFiles, APathInsideAFileIsABadFolderAndTheFileIsLeftAlone) {
    const std::string file = dir.file("stick");
    std::ofstream(file) << "keep me";
    for (ExportFormat format : kFormats) {
        ExportResult r = exportTo(ExportKind::Scores, format, file + "/scores.csv");
        EXPECT_EQ(r.status, ExportStatus::BadFolder) << r.message;
    }
    EXPECT_EQ(readWhole(file), "keep me");
    EXPECT_EQ(filesIn(dir.path()), std::set<std::string>{"stick"});
}

TEST_F(ExportFiles, AReadOnlyFolderIsNotWritableAndLeavesNothing) {
    const std::string folder = dir.file("read-only");
    fs::create_directory(folder);
    ASSERT_EQ(::chmod(folder.c_str(), 0555), 0);
    ASSERT_EQ(::chmod(dir.path().c_str(), 0755), 0);  // reachable by the child below
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
        // Root writes into any folder: the child drops to "nobody" to meet a read-only one.
        if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) ::_exit(3);
        int code = 0;
        for (ExportFormat format : kFormats) {
            ExportResult r = exportTo(ExportKind::CheckIns, format,
                                      folder + "/" + fileName(ExportKind::CheckIns, format));
            if (r.status != ExportStatus::NotWritable) code = r.ok() ? 1 : 2;
        }
        ::_exit(code);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
        << "0 not-writable, 1 written, 2 another status, 3 could not drop root";
    EXPECT_TRUE(filesIn(folder).empty());
    ::chmod(folder.c_str(), 0700);
}

TEST_F(ExportFiles, AFullDiskIsADiskFullStatusAndKeepsThePreviousFileByteForByte) {
    // Enough scores that each file is far over the 4 KiB limit below, even zipped.
    for (int i = 0; i < 60; ++i) {
        const std::string judge = add("Judge " + std::to_string(i) + " with a long name",
                                      "judge" + std::to_string(i) + "@example.org", Role::Staff);
        for (const std::string& demoId : {checkout, search, onboarding, pipeline})
            score(judge, demoId, 1 + i % 5, "note " + std::to_string(i * 7919), false);
    }
    for (ExportFormat format : kFormats) {
        const std::string path = dir.file(fileName(ExportKind::Scores, format));
        const std::string old = "previous export\n";
        std::ofstream(path, std::ios::binary) << old;
        std::fflush(nullptr);
        // A child with a 4 KiB file-size limit stands in for a full disk (root too).
        const pid_t pid = ::fork();
        if (pid == 0) {
            ::signal(SIGXFSZ, SIG_IGN);
            rlimit limit{4096, 4096};
            if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(3);
            ExportResult r = exportTo(ExportKind::Scores, format, path);
            ::_exit(r.status == ExportStatus::DiskFull ? 0 : r.ok() ? 1 : 2);
        }
        int status = 0;
        ASSERT_EQ(::waitpid(pid, &status, 0), pid);
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
            << exportFormatName(format) << ": 0 disk-full, 1 written, 2 another status";
        EXPECT_EQ(readWhole(path), old);
    }
    EXPECT_EQ(filesIn(dir.path()), (std::set<std::string>{"scores.csv", "scores.xlsx"}));
}

TEST_F(ExportFiles, ExportingAgainReplacesTheFileAtomicallyWithAPrivateOne) {
    for (ExportFormat format : kFormats) {
        const std::string path = dir.file(fileName(ExportKind::CheckIns, format));
        std::ofstream(path, std::ios::binary) << "old export";
        ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
        // A second name of the old file: a rename leaves it whole; a rewrite in place would
        // change it (a reader holding the old file would see half of the new one).
        const std::string link = dir.file("old-link");
        ASSERT_EQ(::link(path.c_str(), link.c_str()), 0);
        ASSERT_TRUE(exportTo(ExportKind::CheckIns, format, path).ok());
        EXPECT_EQ(readWhole(link), "old export");
        EXPECT_NE(readWhole(path), "old export");
        EXPECT_EQ(modeOf(path), 0600u);
        ASSERT_EQ(::unlink(link.c_str()), 0);
        // A later check-in, exported over the first file: replaced, not appended.
        store.recordCheckIn(event.id, ana, "cli", (event.startsAt + 3600) * 1000);
        ExportResult r = exportTo(ExportKind::CheckIns, format, path);
        ASSERT_TRUE(r.ok()) << r.message;
        EXPECT_EQ(modeOf(path), 0600u);
        if (format == ExportFormat::Csv)
            EXPECT_EQ(readCsvFile(path).size(), static_cast<std::size_t>(r.rows) + 1);
        else
            EXPECT_EQ(readSheet(path).size(), static_cast<std::size_t>(r.rows) + 1);
        store.annulCheckIn(store.activeCheckIn(event.id, ana)->id, "test", nowMillis());
    }
    EXPECT_EQ(filesIn(dir.path()), (std::set<std::string>{"checkins.csv", "checkins.xlsx"}));
}

TEST_F(ExportFiles, AnUnknownEventOrNoFileNameIsAStatusAndWritesNothing) {
    ExportResult r = exportList(store, "no-such-event", ExportKind::Scores, ExportFormat::Csv,
                                dir.file("s.csv"), settings, 0);
    EXPECT_EQ(r.status, ExportStatus::UnknownEvent);
    EXPECT_FALSE(r.message.empty());
    r = exportTo(ExportKind::Scores, ExportFormat::Csv, "");
    EXPECT_EQ(r.status, ExportStatus::BadFolder);
    EXPECT_TRUE(filesIn(dir.path()).empty());
}

}  // namespace oh::exporttest
