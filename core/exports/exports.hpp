// The lead's exports: the offer-slot list, the scores by demo and judge, and the check-in
// list, each as CSV or XLSX, written 0600 and atomically to a file the lead picks (a USB
// stick). The one home of how each list is built: `openhouse export` and the lead's
// dashboard (from a worker thread, with its own Store) both call exportList. A file that
// cannot be written is a status with a sentence for people, never an exception.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/decisions/conversion.hpp"
#include "core/judging/rubric.hpp"
#include "core/store/store.hpp"

namespace oh {

enum class ExportKind { Slots, Scores, CheckIns };
const char* exportKindName(ExportKind kind);  // "slots", "scores", "checkins"
std::optional<ExportKind> parseExportKind(std::string_view text);

enum class ExportFormat { Csv, Xlsx };
const char* exportFormatName(ExportFormat format);  // "csv", "xlsx"
std::optional<ExportFormat> parseExportFormat(std::string_view text);
// From the file's extension: .xlsx (any case) is XLSX, anything else CSV.
ExportFormat exportFormatForPath(std::string_view path);

enum class ExportStatus {
    Written,
    UnknownEvent,  // no such event in this store
    BadFolder,     // the folder does not exist, or the path is not a file name in a folder
    NotWritable,   // the folder (or the drive) may not be written
    DiskFull,      // no space left (or over a file size or quota limit)
    Failed,        // anything else: the message says what
};
// "written", "unknown-event", "bad-folder", "not-writable", "disk-full", "failed".
const char* exportStatusName(ExportStatus status);

struct ExportResult {
    ExportStatus status = ExportStatus::Failed;
    int rows = 0;  // data rows written (the header not counted)
    std::string path;
    ExportFormat format = ExportFormat::Csv;
    // Empty when written; else one line for people: what failed and what to do. It names
    // the file, never a person.
    std::string message;
    bool ok() const { return status == ExportStatus::Written; }
};

// What the lists are built by: the conversion rules (slots) and the rubric whose criteria
// are the score list's columns (scores).
struct ExportSettings {
    ConversionRules conversion;
    Rubric rubric = defaultRubric();
};

// Runs `write` (which writes `path` and returns the rows written), turning every failure
// (a missing folder, a read-only drive, a full disk) into a status with its sentence: the
// one guard of every export, the KPI workbook's too.
ExportResult guardedExport(const std::string& path, ExportFormat format,
                           const std::function<int()>& write);

// Builds the list of `kind` for `eventId` from `store` and writes it to `path`. Any previous
// file there is replaced atomically; on failure it is left untouched and no temporary file
// remains. `nowMs` is the generation time shown in the slot list's "About" sheet.
ExportResult exportList(Store& store, const std::string& eventId, ExportKind kind,
                        ExportFormat format, const std::string& path,
                        const ExportSettings& settings, std::int64_t nowMs);

}  // namespace oh
