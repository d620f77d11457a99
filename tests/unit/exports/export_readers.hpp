// Reading an export back in tests: an XLSX sheet through its XML (unzip -p), cell by cell
// with its type, and a CSV through core/roster/csv.hpp; plus the file helpers the export
// tests share (mode, folder listing, whole-file reads).
#pragma once

#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/roster/csv.hpp"
#include "tests/unit/test_support.hpp"

namespace oh::exporttest {

inline std::string readWhole(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline unsigned modeOf(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return 0;
    return st.st_mode & 07777;
}

inline std::set<std::string> filesIn(const std::string& dir) {
    std::set<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        names.insert(entry.path().filename().string());
    return names;
}

inline std::string unzipEntry(const std::string& zip, const std::string& entry) {
    std::string cmd = "unzip -p " + shellQuote(zip) + " " + shellQuote(entry);
    std::string out;
    FILE* pipe = ::popen(cmd.c_str(), "r");
    if (pipe == nullptr) return out;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
    ::pclose(pipe);
    return out;
}

inline std::string xmlText(std::string s) {
    const std::pair<const char*, const char*> entities[] = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
    for (const auto& [from, to] : entities)
        for (std::size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += 1)
            s.replace(at, std::string(from).size(), to);
    return s;
}

struct XlsxCell {
    bool isString = false;  // a shared string; false: a number
    std::string value;      // the string, or the number as written
};

// One sheet's cells as rows (row 0 is the header), each as long as its last cell.
using XlsxRows = std::vector<std::vector<XlsxCell>>;

inline int columnIndex(const std::string& ref) {
    int col = 0;
    for (char c : ref) {
        if (c < 'A' || c > 'Z') break;
        col = col * 26 + (c - 'A' + 1);
    }
    return col - 1;
}

inline std::vector<std::string> sharedStrings(const std::string& xlsx) {
    std::string xml = unzipEntry(xlsx, "xl/sharedStrings.xml");
    std::vector<std::string> strings;
    for (std::size_t at = 0; (at = xml.find("<si>", at)) != std::string::npos;) {
        std::size_t end = xml.find("</si>", at);
        std::string si = xml.substr(at, end - at);
        std::size_t t = si.find("<t");
        t = si.find('>', t) + 1;
        strings.push_back(xmlText(si.substr(t, si.find("</t>", t) - t)));
        at = end;
    }
    return strings;
}

inline XlsxRows readSheet(const std::string& xlsx, int sheet = 1) {
    const std::vector<std::string> strings = sharedStrings(xlsx);
    std::string xml = unzipEntry(xlsx, "xl/worksheets/sheet" + std::to_string(sheet) + ".xml");
    XlsxRows rows;
    for (std::size_t at = 0; (at = xml.find("<c r=\"", at)) != std::string::npos;) {
        std::size_t tagEnd = xml.find('>', at);
        std::string tag = xml.substr(at, tagEnd - at);
        std::string ref = tag.substr(6, tag.find('"', 6) - 6);
        int col = columnIndex(ref);
        int row = std::stoi(ref.substr(ref.find_first_of("0123456789"))) - 1;
        XlsxCell cell;
        cell.isString = tag.find("t=\"s\"") != std::string::npos;
        if (tag.back() != '/') {
            std::size_t v = xml.find("<v>", tagEnd);
            cell.value = xml.substr(v + 3, xml.find("</v>", v) - v - 3);
            if (cell.isString) cell.value = strings.at(std::stoul(cell.value));
        }
        if (static_cast<int>(rows.size()) <= row) rows.resize(row + 1);
        if (static_cast<int>(rows[row].size()) <= col) rows[row].resize(col + 1);
        rows[row][col] = cell;
        at = tagEnd;
    }
    return rows;
}

// The CSV's records (the BOM skipped by the reader), header first.
inline std::vector<std::vector<std::string>> readCsvFile(const std::string& path) {
    CsvDocument doc = readCsv(readWhole(path));
    std::vector<std::vector<std::string>> rows;
    for (CsvRecord& r : doc.records) rows.push_back(std::move(r.fields));
    return rows;
}

}  // namespace oh::exporttest
