// openhouse-kiosk: the self check-in kiosk. Everything lives in openhouse_kiosk_lib so the
// headless tests run exactly this program's code.
#include <spdlog/spdlog.h>

#include "kiosk/kiosk.hpp"
#include "kiosk/options.hpp"

int main(int argc, char** argv) {
    int exitCode = 0;
    auto options = oh::kiosk::parseOptions(argc, argv, exitCode);
    if (!options) return exitCode;
    if (options->verbose) spdlog::set_level(spdlog::level::debug);
    // Each line reaches the journal (or a redirected file) at once: the kiosk logs little, and
    // the last lines before a crash or a kill are the ones the desk needs.
    spdlog::flush_on(spdlog::level::trace);
    return oh::kiosk::runKiosk(*options);
}
