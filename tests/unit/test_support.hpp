// Shared helpers for the unit tests: temporary folders and sample records.
#pragma once

#include <stdlib.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "core/model/model.hpp"

namespace oh {

class TempDir {
  public:
    TempDir() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "openhouse-XXXXXX").string();
        path_ = ::mkdtemp(pattern.data());
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const { return path_ + "/" + name; }

  private:
    std::string path_;
};

// What one run of the `openhouse` program printed (stdout and stderr) and its exit code.
struct CliRun {
    int exitCode = -1;
    std::string out;
};

inline std::string shellQuote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

// Runs `cli --home HOME ARGS` through the shell (ARGS may redirect).
inline CliRun runCli(const std::string& cli, const std::string& home, const std::string& args) {
    std::string cmd = cli + " --home " + shellQuote(home) + " " + args + " 2>&1";
    CliRun r;
    FILE* pipe = ::popen(cmd.c_str(), "r");
    std::array<char, 4096> buf{};
    for (std::size_t n; (n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0;)
        r.out.append(buf.data(), n);
    int status = ::pclose(pipe);
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

inline Event sampleEvent() {
    return Event{"0192f3a0-0000-7000-8000-00000000e001",
                 "Demo Day",
                 "HQ, Floor 3",
                 "UTC",
                 1'800'000'000,
                 1'800'086'400,
                 3};
}

inline Attendee sampleAttendee(const std::string& email, const std::string& name,
                               Role role = Role::Intern) {
    Attendee a;
    a.eventId = sampleEvent().id;
    a.fullName = name;
    a.email = email;
    a.role = role;
    a.team = "Team Aurora";
    a.strengths = "cut support tickets by 12%";
    return a;
}

}  // namespace oh
