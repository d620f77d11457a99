// `openhouse pin-hash`: turns a staff or lead PIN into the hash the config holds.
#include <termios.h>
#include <unistd.h>

#include <iostream>

#include "core/identity/pin.hpp"
#include "sync/context.hpp"

namespace oh::cli {

namespace {

// Reads one line from stdin without echo when it is a terminal.
std::string readSecretLine(const char* prompt) {
    bool tty = ::isatty(STDIN_FILENO);
    termios saved{};
    if (tty) {
        std::cerr << prompt << std::flush;
        ::tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::string line;
    std::getline(std::cin, line);
    if (tty) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::cerr << "\n";
    }
    return line;
}

void runPinHash(Context& ctx) {
    std::string pin = readSecretLine("PIN (4 to 12 digits): ");
    if (auto problem = pinProblem(pin)) throw CommandError(kUsage, *problem);
    std::cout << hashPin(pin) << "\n";
    ctx.exitCode = kOk;
}

}  // namespace

void addPinCommands(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand(
        "pin-hash", "Read a PIN on stdin and print its Argon2id hash for kiosk.lead_pin_hash");
    cmd->callback([&ctx] { runPinHash(ctx); });
}

}  // namespace oh::cli
