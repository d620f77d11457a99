#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "core/render/printing.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;
using namespace std::chrono_literals;

namespace {

std::string readAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

unsigned modeOf(const std::string& path) {
    struct stat st {};
    ::stat(path.c_str(), &st);
    return st.st_mode & 0777;
}

// A fake `lp`: appends its arguments (one per line, then "--end") to a log,
// fails while the counter file says so, optionally hangs.
std::string fakeLp(const TempDir& dir, int failures, bool hang = false) {
    const std::string script = dir.file("fake-lp.sh");
    std::ofstream(dir.file("fails-left")) << failures;
    std::ofstream out(script);
    out << "#!/bin/sh\n"
        << "log='" << dir.file("lp.log") << "'\n"
        << "for a in \"$@\"; do printf '%s\\n' \"$a\" >> \"$log\"; done\n"
        << "echo --end >> \"$log\"\n"
        << (hang ? "sleep 30\n" : "") << "left=$(cat '" << dir.file("fails-left") << "')\n"
        << "if [ \"$left\" -gt 0 ]; then echo $((left - 1)) > '" << dir.file("fails-left")
        << "'; exit 3; fi\n"
        << "exit 0\n";
    out.close();
    ::chmod(script.c_str(), 0755);
    return script;
}

int attempts(const TempDir& dir) {
    const std::string log = readAll(dir.file("lp.log"));
    int n = 0;
    for (std::size_t at = log.find("--end"); at != std::string::npos;
         at = log.find("--end", at + 1))
        ++n;
    return n;
}

std::string samplePdf(const TempDir& dir) {
    const std::string path = dir.file("badge.pdf");
    std::ofstream(path) << "%PDF-1.5\nfake badge\n%%EOF\n";
    return path;
}

}  // namespace

TEST(Print, NoQueueSpoolsAPrivateCopy) {
    TempDir dir;
    const std::string pdf = samplePdf(dir);
    BadgePrinter printer("", dir.file("spool"));
    const auto out = printer.print(pdf, "badge-0192f3a0");
    ASSERT_EQ(out.status, PrintOutcome::Status::Spooled) << out.detail;
    EXPECT_EQ(out.spooledPath, dir.file("spool") + "/badge-0192f3a0.pdf");
    EXPECT_EQ(readAll(out.spooledPath), readAll(pdf));
    EXPECT_EQ(modeOf(out.spooledPath), 0600u);
    EXPECT_EQ(modeOf(dir.file("spool")), 0700u);
}

TEST(Print, JobNameCannotEscapeTheSpool) {
    TempDir dir;
    BadgePrinter printer("", dir.file("spool"));
    const auto out = printer.print(samplePdf(dir), "../../etc/passwd");
    ASSERT_EQ(out.status, PrintOutcome::Status::Spooled);
    EXPECT_EQ(std::filesystem::path(out.spooledPath).parent_path(), dir.file("spool"));
}

TEST(Print, SuccessPassesQueueJobAndFileAsArguments) {
    TempDir dir;
    const std::string pdf = samplePdf(dir);
    BadgePrinter printer("Badge_Printer", dir.file("spool"), fakeLp(dir, 0));
    const auto out = printer.print(pdf, "badge 42; rm -rf /");  // no shell: stays one argument
    ASSERT_EQ(out.status, PrintOutcome::Status::Printed) << out.detail;
    EXPECT_EQ(readAll(dir.file("lp.log")),
              "-d\nBadge_Printer\n-t\nbadge 42; rm -rf /\n--\n" + pdf + "\n--end\n");
    EXPECT_FALSE(std::filesystem::exists(dir.file("spool/failed")));
}

TEST(Print, AlwaysFailingLpGivesUpAfterThreeAttemptsAndKeepsTheBadge) {
    TempDir dir;
    const std::string pdf = samplePdf(dir);
    BadgePrinter printer("q", dir.file("spool"), fakeLp(dir, 100));
    printer.setBackoff(5ms);
    const auto out = printer.print(pdf, "badge-7");
    ASSERT_EQ(out.status, PrintOutcome::Status::Failed);
    EXPECT_EQ(attempts(dir), 3);
    EXPECT_NE(out.detail.find("status 3"), std::string::npos) << out.detail;
    EXPECT_EQ(out.spooledPath, dir.file("spool") + "/failed/badge-7.pdf");
    EXPECT_EQ(readAll(out.spooledPath), readAll(pdf));
    EXPECT_EQ(modeOf(out.spooledPath), 0600u);
}

TEST(Print, FailsOnceThenPrints) {
    TempDir dir;
    BadgePrinter printer("q", dir.file("spool"), fakeLp(dir, 1));
    printer.setBackoff(5ms);
    const auto out = printer.print(samplePdf(dir), "badge-8");
    ASSERT_EQ(out.status, PrintOutcome::Status::Printed) << out.detail;
    EXPECT_EQ(attempts(dir), 2);
    EXPECT_TRUE(out.spooledPath.empty());
}

TEST(Print, MissingLpFailsClearlyWithoutRetrying) {
    TempDir dir;
    BadgePrinter printer("q", dir.file("spool"), dir.file("no-such-lp"));
    printer.setBackoff(30s);  // one retry would take 30 s: far above any busy machine's delay
    const auto start = std::chrono::steady_clock::now();
    const auto out = printer.print(samplePdf(dir), "badge-9");
    EXPECT_LT(std::chrono::steady_clock::now() - start, 20s);
    ASSERT_EQ(out.status, PrintOutcome::Status::Failed);
    EXPECT_NE(out.detail.find("no-such-lp"), std::string::npos) << out.detail;
    EXPECT_NE(out.detail.find("No such file"), std::string::npos) << out.detail;
    EXPECT_TRUE(std::filesystem::exists(dir.file("spool/failed/badge-9.pdf")));

    BadgePrinter onPath("q", dir.file("spool"), "openhouse-no-such-lp-command");
    const auto viaPath = onPath.print(samplePdf(dir), "badge-9");
    EXPECT_EQ(viaPath.status, PrintOutcome::Status::Failed);
    EXPECT_NE(viaPath.detail.find("openhouse-no-such-lp-command"), std::string::npos);
}

TEST(Print, HangingLpIsKilledAfterTheTimeout) {
    TempDir dir;
    BadgePrinter printer("q", dir.file("spool"), fakeLp(dir, 0, /*hang=*/true));
    printer.setTimeout(200ms);
    printer.setBackoff(5ms);
    const auto start = std::chrono::steady_clock::now();
    const auto out = printer.print(samplePdf(dir), "badge-10");
    const auto elapsed = std::chrono::steady_clock::now() - start;
    ASSERT_EQ(out.status, PrintOutcome::Status::Failed);
    EXPECT_NE(out.detail.find("timed out"), std::string::npos) << out.detail;
    EXPECT_EQ(attempts(dir), 3);
    EXPECT_GE(elapsed, 600ms);
    EXPECT_LT(elapsed, 25s);  // the script's `sleep 30` died with its process group
    EXPECT_TRUE(std::filesystem::exists(dir.file("spool/failed/badge-10.pdf")));
}

TEST(Print, MissingBadgeFileFails) {
    TempDir dir;
    BadgePrinter printer("", dir.file("spool"));
    const auto out = printer.print(dir.file("nope.pdf"), "badge-11");
    EXPECT_EQ(out.status, PrintOutcome::Status::Failed);
    EXPECT_FALSE(out.detail.empty());
}
