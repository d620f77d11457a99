#include "core/render/printer_check.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <vector>

#include "core/render/run_program.hpp"

namespace oh {
namespace {

namespace fs = std::filesystem;

// A program given as a path, or found on PATH; "" when it is not there.
std::string findProgram(const std::string& name) {
    if (name.find('/') != std::string::npos)
        return ::access(name.c_str(), X_OK) == 0 ? name : std::string();
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "/usr/bin:/bin");
    for (std::string dir; std::getline(dirs, dir, ':');) {
        const auto candidate = fs::path(dir.empty() ? "." : dir) / name;
        if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    }
    return {};
}

std::string firstLine(const std::string& text) {
    const auto end = text.find('\n');
    return text.substr(0, end);
}

}  // namespace

PrinterCheck checkPrinter(const std::string& queue, const std::string& lpCommand,
                          std::chrono::milliseconds timeout) {
    if (queue.empty()) return {PrinterCheck::State::SpoolOnly, "no printer is configured"};
    const std::string lp = findProgram(lpCommand);
    if (lp.empty()) {
        return {
            PrinterCheck::State::Problem,
            "the print command '" + lpCommand + "' is not installed (Debian package cups-client)"};
    }
    std::string lpstat;
    if (lpCommand.find('/') != std::string::npos)
        lpstat = findProgram((fs::path(lp).parent_path() / "lpstat").string());
    if (lpstat.empty()) lpstat = findProgram("lpstat");
    if (lpstat.empty())
        return {PrinterCheck::State::Ready, "lp found; lpstat is not there to ask CUPS"};
    const ProgramRun run = runProgram({lpstat, "-p", queue}, timeout, /*captureOutput=*/true);
    if (!run.exited) {
        return {PrinterCheck::State::Problem,
                "CUPS did not answer about printer '" + queue + "' (lpstat -p)"};
    }
    if (run.exitCode != 0) {
        const std::string why = firstLine(run.output);
        return {PrinterCheck::State::Problem,
                "CUPS does not know printer '" + queue + "'" + (why.empty() ? "" : ": " + why)};
    }
    if (run.output.find("disabled") != std::string::npos) {
        return {PrinterCheck::State::Problem,
                "printer '" + queue + "' is disabled in CUPS (cupsenable " + queue + ")"};
    }
    return {PrinterCheck::State::Ready, firstLine(run.output)};
}

}  // namespace oh
