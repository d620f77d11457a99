#include "core/render/run_program.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <thread>

extern char** environ;

namespace oh {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kMaxOutput = 8192;

int spawn(const std::vector<std::string>& args, int outputFd, pid_t& pid) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    if (outputFd >= 0) {
        posix_spawn_file_actions_adddup2(&actions, outputFd, STDOUT_FILENO);
        posix_spawn_file_actions_adddup2(&actions, outputFd, STDERR_FILENO);
    } else {
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    }
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
    const bool searchPath = args[0].find('/') == std::string::npos;
    const int rc = searchPath ? posix_spawnp(&pid, argv[0], &actions, &attr, argv.data(), environ)
                              : posix_spawn(&pid, argv[0], &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    return rc;
}

// Reads the program's output until it closes it or the deadline passes.
void readOutput(int fd, Clock::time_point deadline, std::string& output) {
    for (;;) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        pollfd p{fd, POLLIN, 0};
        if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) return;
        char buf[1024];
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n <= 0) return;
        if (output.size() < kMaxOutput) output.append(buf, static_cast<std::size_t>(n));
    }
}

// Reaps the program; at the deadline, kills its process group first.
void reap(pid_t pid, Clock::time_point deadline, ProgramRun& run) {
    int status = 0;
    for (;;) {
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) break;
        if (done < 0 && errno != EINTR) return;
        if (Clock::now() >= deadline) {
            ::kill(-pid, SIGKILL);
            while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
            }
            run.timedOut = true;
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    run.exited = WIFEXITED(status);
    if (run.exited) run.exitCode = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) run.signal = WTERMSIG(status);
}

}  // namespace

ProgramRun runProgram(const std::vector<std::string>& args, std::chrono::milliseconds timeout,
                      bool captureOutput) {
    ProgramRun run;
    int fds[2] = {-1, -1};
    if (captureOutput && ::pipe2(fds, O_CLOEXEC) != 0) {
        run.spawnError = errno;
        return run;
    }
    pid_t pid = -1;
    run.spawnError = spawn(args, fds[1], pid);
    if (fds[1] >= 0) ::close(fds[1]);
    const auto deadline = Clock::now() + timeout;
    if (run.spawnError == 0 && fds[0] >= 0) readOutput(fds[0], deadline, run.output);
    if (fds[0] >= 0) ::close(fds[0]);
    if (run.spawnError == 0) reap(pid, deadline, run);
    return run;
}

}  // namespace oh
