// Score drafts on the device: saved as the judge goes, read back, private, never outside
// their folder.
#include "core/judging/drafts.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>

#include <filesystem>

#include "core/model/ids.hpp"

namespace oh {
namespace {

class Drafts : public ::testing::Test {
  protected:
    void SetUp() override {
        root = std::filesystem::temp_directory_path() / ("oh-drafts-" + Uuid::v7().str());
        box = std::make_unique<DraftBox>(draftFolderFor((root / "kiosk-1.db").string()));
    }
    void TearDown() override { std::filesystem::remove_all(root); }

    std::filesystem::path root;
    std::unique_ptr<DraftBox> box;
    std::string judge = Uuid::v7().str(), demo = Uuid::v7().str();
};

TEST_F(Drafts, AHalfFilledSheetComesBackAsItWas) {
    ScoreSheet s;
    s.levels["impact"] = 4;
    s.notes = "Strong metric, ask about rollout";
    std::string error;
    ASSERT_TRUE(box->save(judge, demo, s, &error)) << error;
    auto back = box->load(judge, demo);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->levels.at("impact"), 4);
    EXPECT_EQ(back->notes, "Strong metric, ask about rollout");
    EXPECT_FALSE(box->load(judge, Uuid::v7().str())) << "another demo has no draft";
}

TEST_F(Drafts, TheFolderAndFilesArePrivate) {
    ASSERT_TRUE(box->save(judge, demo, ScoreSheet{}, nullptr));
    struct stat st {};
    ASSERT_EQ(stat(box->folder().c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0700u);
    ASSERT_EQ(stat((box->folder() + "/" + judge + "_" + demo + ".json").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(Drafts, DiscardingRemovesTheDraft) {
    ASSERT_TRUE(box->save(judge, demo, ScoreSheet{}, nullptr));
    box->discard(judge, demo);
    EXPECT_FALSE(box->load(judge, demo));
}

TEST_F(Drafts, AnIdThatIsNotAUuidNeverNamesAPath) {
    std::string error;
    EXPECT_FALSE(box->save("../../etc", demo, ScoreSheet{}, &error));
    EXPECT_FALSE(error.empty());
    EXPECT_FALSE(std::filesystem::exists(root / "etc_" / ""));
    EXPECT_FALSE(box->load("../../etc", demo));
}

// A full disk, as root too: the save runs in a child whose file-size limit is 256 bytes
// (SIGXFSZ ignored, so write() fails with EFBIG instead of killing it).
TEST_F(Drafts, ADraftTheDiskCannotTakeIsAnErrorAndKeepsTheLastOne) {
    ScoreSheet first;
    first.notes = "first";
    ASSERT_TRUE(box->save(judge, demo, first, nullptr));
    ScoreSheet second;
    second.notes = std::string(4000, 'x');
    std::fflush(nullptr);
    pid_t pid = ::fork();
    if (pid == 0) {
        ::signal(SIGXFSZ, SIG_IGN);
        rlimit limit{256, 256};
        if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(3);
        std::string error;
        const bool saved = box->save(judge, demo, second, &error);
        ::_exit(!saved && !error.empty() ? 0 : 1);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0) << "the save must fail with a sentence";
    auto back = box->load(judge, demo);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->notes, "first");
}

}  // namespace
}  // namespace oh
