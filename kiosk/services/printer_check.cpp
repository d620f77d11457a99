#include "kiosk/services/printer_check.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <vector>

extern char** environ;

namespace oh::kiosk {
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

struct Run {
    bool finished = false;
    int exitCode = -1;
    std::string output;  // stdout and stderr
};

// Runs argv (no shell) in its own process group; killed after `timeout`.
Run runCapturing(const std::vector<std::string>& args, std::chrono::milliseconds timeout) {
    Run run;
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return run;
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, argv[0], &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    ::close(fds[1]);
    if (rc != 0) {
        ::close(fds[0]);
        return run;
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        pollfd p{fds[0], POLLIN, 0};
        if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
        char buf[1024];
        const ssize_t n = ::read(fds[0], buf, sizeof buf);
        if (n <= 0) {
            run.finished = true;  // end of output: the program is done writing
            break;
        }
        if (run.output.size() < 8192) run.output.append(buf, static_cast<size_t>(n));
    }
    ::close(fds[0]);
    if (!run.finished) ::kill(-pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (run.finished && WIFEXITED(status)) run.exitCode = WEXITSTATUS(status);
    return run;
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
    const Run run = runCapturing({lpstat, "-p", queue}, timeout);
    if (!run.finished) {
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

}  // namespace oh::kiosk
