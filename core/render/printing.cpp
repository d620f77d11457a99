#include "core/render/printing.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>
#include <vector>

#include "core/files/private_dir.hpp"

#include "core/render/image.hpp"
#include "core/render/run_program.hpp"

namespace oh {
namespace {

namespace fs = std::filesystem;

// Job names become file names in the spool: keep [A-Za-z0-9._-] only.
std::string safeFileStem(const std::string& jobName) {
    std::string out;
    for (const char c : jobName) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
        out += ok ? c : '_';
    }
    if (out.empty() || out.front() == '.') out.insert(out.begin(), 'b');
    return out.substr(0, 120);
}

// Copies the PDF into dir (created 0700) as a 0600 file; returns its path or "".
std::string copyInto(const std::string& pdfPath, const std::string& dir, const std::string& jobName,
                     std::string* error) {
    // 0700 from the start: badges carry credentials.
    std::string why;
    if (!makePrivateDirectory(dir, true, &why)) {
        *error = "cannot create the spool folder: " + why;
        return {};
    }
    std::ifstream in(pdfPath, std::ios::binary);
    if (!in) {
        *error = "cannot read the badge file";
        return {};
    }
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
    const std::string target = (fs::path(dir) / (safeFileStem(jobName) + ".pdf")).string();
    const bool ok =
        writePrivateFileAtomically(target, std::string_view(bytes.data(), bytes.size()), error);
    return ok ? target : std::string{};
}

struct Attempt {
    bool printed = false;
    bool retryable = true;
    std::string detail;
};

// One run of the print command; output goes nowhere (lp echoes the job id only).
Attempt runOnce(const std::vector<std::string>& args, std::chrono::milliseconds timeout) {
    const ProgramRun run = runProgram(args, timeout, /*captureOutput=*/false);
    if (run.spawnError != 0) {
        // A missing or non-executable lp will not fix itself in a second.
        return {
            false, run.spawnError != ENOENT && run.spawnError != EACCES,
            "cannot start the print command '" + args[0] + "': " + std::strerror(run.spawnError)};
    }
    if (run.timedOut)
        return {false, true,
                "print command timed out after " + std::to_string(timeout.count()) + " ms"};
    if (run.exited && run.exitCode == 0) return {true, false, "printed"};
    if (run.exited && run.exitCode == 127)  // posix_spawnp child could not exec
        return {false, false, "print command '" + args[0] + "' not found"};
    if (run.exited)
        return {false, true, "print command exited with status " + std::to_string(run.exitCode)};
    if (run.signal != 0)
        return {false, true, "print command killed by signal " + std::to_string(run.signal)};
    return {false, true, "lost the print command's status"};
}

}  // namespace

BadgePrinter::BadgePrinter(std::string printerQueue, std::string spoolDir, std::string lpCommand)
    : queue_(std::move(printerQueue)),
      spoolDir_(std::move(spoolDir)),
      lpCommand_(std::move(lpCommand)) {}

PrintOutcome BadgePrinter::print(const std::string& pdfPath, const std::string& jobName) {
    PrintOutcome outcome;
    std::error_code ec;
    if (!fs::is_regular_file(pdfPath, ec)) {
        outcome.status = PrintOutcome::Status::Failed;
        outcome.detail = "badge file missing";
        return outcome;
    }
    std::string error;
    if (queue_.empty()) {
        outcome.spooledPath = copyInto(pdfPath, spoolDir_, jobName, &error);
        outcome.status = outcome.spooledPath.empty() ? PrintOutcome::Status::Failed
                                                     : PrintOutcome::Status::Spooled;
        outcome.detail = outcome.spooledPath.empty() ? error : "no printer set: badge spooled";
        return outcome;
    }

    const std::vector<std::string> args{lpCommand_, "-d", queue_, "-t", jobName, "--", pdfPath};
    Attempt attempt;
    int attempts = 0;
    for (; attempts < kAttempts; ++attempts) {
        if (attempts > 0) std::this_thread::sleep_for(backoff_ * (1 << (attempts - 1)));
        attempt = runOnce(args, timeout_);
        if (attempt.printed) {
            outcome.status = PrintOutcome::Status::Printed;
            outcome.detail = attempts == 0
                                 ? "printed"
                                 : "printed after " + std::to_string(attempts + 1) + " attempts";
            return outcome;
        }
        if (!attempt.retryable) {
            ++attempts;
            break;
        }
    }
    // The check-in still counts: keep the badge for the desk to reprint.
    outcome.status = PrintOutcome::Status::Failed;
    outcome.detail = attempt.detail + " (" + std::to_string(attempts) + " attempt" +
                     (attempts == 1 ? "" : "s") + ")";
    outcome.spooledPath =
        copyInto(pdfPath, (fs::path(spoolDir_) / "failed").string(), jobName, &error);
    if (outcome.spooledPath.empty()) outcome.detail += "; " + error;
    return outcome;
}

}  // namespace oh
