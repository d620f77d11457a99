// The printer check at start: is `lp` there, and does CUPS know the configured queue and
// accept jobs for it? A missing printer is otherwise only noticed by the first attendee whose
// badge does not come out. The result goes to the log and to the staff screen.
#pragma once

#include <chrono>
#include <string>

namespace oh {

struct PrinterCheck {
    enum class State {
        SpoolOnly,  // no printer configured: badges are saved as PDFs in the spool folder
        Ready,      // lp is there and CUPS knows the queue (or lpstat is not there to ask)
        Problem     // badges will not print: `detail` says why
    } state = State::SpoolOnly;
    std::string detail;  // for the log and the staff screen; never personal data
};

// `lpCommand` is "lp" (looked up on PATH) or a path; lpstat is looked up next to it, then on
// PATH. Runs `lpstat -p QUEUE` for at most `timeout`.
PrinterCheck checkPrinter(const std::string& queue, const std::string& lpCommand,
                          std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));

}  // namespace oh
