#include "core/judging/drafts.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/files/private_dir.hpp"
#include "core/files/private_file.hpp"

namespace oh {

namespace {

// UUID text as this system writes it: 36 characters of hex digits and dashes.
bool uuidText(const std::string& id) {
    if (id.size() != 36) return false;
    for (char c : id)
        if (!(c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
              (c >= 'A' && c <= 'F')))
            return false;
    return true;
}

}  // namespace

DraftBox::DraftBox(std::string folder) : folder_(std::move(folder)) {}

std::optional<std::string> DraftBox::pathOf(const std::string& judgeId,
                                            const std::string& showcaseId) const {
    if (!uuidText(judgeId) || !uuidText(showcaseId)) return std::nullopt;
    return folder_ + "/" + judgeId + "_" + showcaseId + ".json";
}

bool DraftBox::save(const std::string& judgeId, const std::string& showcaseId,
                    const ScoreSheet& sheet, std::string* error) {
    auto path = pathOf(judgeId, showcaseId);
    if (!path) {
        if (error) *error = "a draft needs a judge id and a demo id";
        return false;
    }
    if (!makePrivateDirectory(folder_, true, error)) return false;
    return writePrivateFileAtomically(*path, sheetJson(sheet), error);
}

std::optional<ScoreSheet> DraftBox::load(const std::string& judgeId,
                                         const std::string& showcaseId) const {
    auto path = pathOf(judgeId, showcaseId);
    if (!path) return std::nullopt;
    std::ifstream in(*path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return sheetFromJson(text.str());
}

void DraftBox::discard(const std::string& judgeId, const std::string& showcaseId) {
    if (auto path = pathOf(judgeId, showcaseId)) std::remove(path->c_str());
}

std::string draftFolderFor(const std::string& storePath) {
    return storePath + ".drafts";
}

}  // namespace oh
