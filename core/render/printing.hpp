// Badge printing through CUPS (`lp`), or a spool folder when no printer is set.
//
// print() blocks for up to ~3 x timeout + backoff: call it from a worker
// thread, not the UI thread. Details never contain personal data (the job
// name should be an id, not a name).
#pragma once

#include <chrono>
#include <string>

namespace oh {

struct PrintOutcome {
    enum class Status { Printed, Spooled, Failed } status = Status::Failed;
    std::string detail;       // for logs and staff; no personal data
    std::string spooledPath;  // the copy in spoolDir (Spooled) or spoolDir/failed (Failed)
};

class BadgePrinter {
  public:
    BadgePrinter(std::string printerQueue, std::string spoolDir, std::string lpCommand = "lp");

    // printerQueue empty: copies the PDF into spoolDir (mode 0600) → Spooled.
    // Otherwise runs `lpCommand -d QUEUE -t JOBNAME -- FILE` (posix_spawn, no
    // shell) with a timeout; a failure is retried up to 2 more times with a
    // short backoff, then → Failed and the PDF is copied into spoolDir/failed/
    // so the desk can reprint it.
    PrintOutcome print(const std::string& pdfPath, const std::string& jobName);

    // Defaults: 15 s per lp attempt, 300 ms backoff (doubled per retry).
    void setTimeout(std::chrono::milliseconds timeout) { timeout_ = timeout; }
    void setBackoff(std::chrono::milliseconds backoff) { backoff_ = backoff; }
    static constexpr int kAttempts = 3;

  private:
    std::string queue_;
    std::string spoolDir_;
    std::string lpCommand_;
    std::chrono::milliseconds timeout_{15000};
    std::chrono::milliseconds backoff_{300};
};

}  // namespace oh
