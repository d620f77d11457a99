// The `openhouse` command line: admin subcommands and (later) the sync daemon.
#pragma once

namespace oh::cli {

// Exit codes, documented in `openhouse --help` and README.md.
enum ExitCode : int {
    kOk = 0,
    kFailure = 1,     // the operation ran and said no (invalid token, rejected check-in, ...)
    kUsage = 2,       // wrong arguments or configuration
    kDataError = 3,   // bad input data (a roster with problems, an unreadable image)
    kStoreError = 4,  // the database could not be opened or written (disk full, newer schema)
};

int run(int argc, char** argv);

}  // namespace oh::cli
