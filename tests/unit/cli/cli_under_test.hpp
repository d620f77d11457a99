// The `openhouse` program the CLI tests run: the one this build made, or, with
// OPENHOUSE_CLI_UNDER_TEST, another build (an older one, to see a test fail before its fix).
#pragma once

#include <cstdlib>
#include <string>

inline std::string cliUnderTest() {
    const char* other = std::getenv("OPENHOUSE_CLI_UNDER_TEST");
    return other && *other ? other : OPENHOUSE_CLI_PATH;
}
