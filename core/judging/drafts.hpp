// A judge's unfinished score sheets on this device: saved as the judge goes, so a closed
// lid or a dead battery loses nothing that was on screen, and read back when the judge opens
// the demo again. Drafts never sync (a draft is not a score); submitting or withdrawing the
// score discards the draft.
//
// One file per judge and demo in a private folder (0700; files 0600, written atomically:
// core/files/private_file.hpp), next to the device's store. Ids must be UUID text, so a
// forged id can never name a path outside the folder.
#pragma once

#include <optional>
#include <string>

#include "core/judging/rubric.hpp"

namespace oh {

class DraftBox {
  public:
    explicit DraftBox(std::string folder);  // created on the first save

    // False with *error (a sentence) when the draft could not be written: the disk is full,
    // the folder is not writable, an id is not a UUID. The previous draft stays.
    bool save(const std::string& judgeId, const std::string& showcaseId, const ScoreSheet& sheet,
              std::string* error);
    std::optional<ScoreSheet> load(const std::string& judgeId, const std::string& showcaseId) const;
    void discard(const std::string& judgeId, const std::string& showcaseId);

    const std::string& folder() const { return folder_; }

  private:
    std::optional<std::string> pathOf(const std::string& judgeId,
                                      const std::string& showcaseId) const;
    std::string folder_;
};

// The drafts folder of the store at `storePath` ("…/kiosk-1.db" -> "…/kiosk-1.db.drafts").
std::string draftFolderFor(const std::string& storePath);

}  // namespace oh
