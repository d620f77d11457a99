// Screenshots show walk-ins' names and e-mails: the folder the kiosk creates for them is 0700
// and every screenshot 0600, whatever the umask; an existing folder is narrowed.
#include <sys/stat.h>

#include "kiosk_test_support.hpp"

namespace oh::kiosk::testing {
namespace {

unsigned modeOf(const std::filesystem::path& path) {
    struct stat st {};
    EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
    return st.st_mode & 07777;
}

class LooseUmask : public ::testing::Test {
  protected:
    void SetUp() override { previous_ = ::umask(022); }
    void TearDown() override { ::umask(previous_); }

  private:
    mode_t previous_ = 022;
};

TEST_F(LooseUmask, ScreenshotsAndTheirNewFolderAreTheOwnersOnly) {
    Kiosk kiosk(headlessOptions(Size{1280, 800}));
    const auto shots = tempDir("parent") / "screens";  // created by the kiosk
    auto r = runScenario(kiosk, "screenshot attract\n", shots);
    ASSERT_FALSE(r.failed) << r.failure;
    ASSERT_EQ(r.shots.count("attract"), 1u);
    EXPECT_EQ(modeOf(shots), 0700u);
    EXPECT_EQ(modeOf(shots / "attract.png"), 0600u);
    // Nothing else (no temporary file) is left in the folder.
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(shots),
                            std::filesystem::directory_iterator()),
              1);
}

TEST_F(LooseUmask, AnExistingScreenshotFolderIsNarrowed) {
    Kiosk kiosk(headlessOptions(Size{1280, 800}));
    const auto shots = tempDir("shots");
    ASSERT_EQ(::chmod(shots.c_str(), 0755), 0);
    auto r = runScenario(kiosk, "screenshot attract\n", shots);
    ASSERT_FALSE(r.failed) << r.failure;
    EXPECT_EQ(modeOf(shots), 0700u);
    EXPECT_EQ(modeOf(shots / "attract.png"), 0600u);
}

}  // namespace
}  // namespace oh::kiosk::testing
