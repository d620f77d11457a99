// Runs a helper program (lp, lpstat) without a shell, in its own process group so a timeout
// also ends anything it started, with stdin from /dev/null. Output (stdout and stderr) is
// kept, up to 8 KB, or discarded. The one place the project starts another program.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace oh {

struct ProgramRun {
    int spawnError = 0;     // errno of a failed start (ENOENT: not found); 0 when it started
    bool timedOut = false;  // killed (with its process group) at the timeout
    bool exited = false;    // ended by itself: exitCode holds its status
    int exitCode = -1;      // 127: posix_spawnp's child could not exec the program
    int signal = 0;         // the signal that ended it, when it did not exit
    std::string output;     // when captured
};

// args[0] is a path, or a name looked up on PATH.
ProgramRun runProgram(const std::vector<std::string>& args, std::chrono::milliseconds timeout,
                      bool captureOutput);

}  // namespace oh
