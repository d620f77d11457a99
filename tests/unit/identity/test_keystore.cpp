// KeyStore: the keys folder is 0700 and each key file 0600 from the start, whatever the umask;
// an existing folder or file that others could read is narrowed.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include "core/identity/keystore.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;

namespace {

unsigned modeOf(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0;
}

}  // namespace

TEST(KeyStoreFiles, FolderIs0700AndKeyFile0600WithAnOpenUmask) {
    TempDir home;
    const mode_t old = ::umask(0);
    const std::string dir = home.file("keys");
    KeyStore store(dir);
    SigningKey key = SigningKey::generate();
    store.add("event-1", key);
    ::umask(old);
    EXPECT_EQ(modeOf(dir), 0700u);
    EXPECT_EQ(modeOf(dir + "/event-1.keys"), 0600u);
    ASSERT_EQ(store.keys("event-1").size(), 1u);
    EXPECT_EQ(store.current("event-1").id, key.id);
}

TEST(KeyStoreFiles, AnExistingOpenFolderIsNarrowed) {
    TempDir home;
    const std::string dir = home.file("keys");
    ASSERT_EQ(::mkdir(dir.c_str(), 0755), 0);
    ASSERT_EQ(::chmod(dir.c_str(), 0755), 0);
    KeyStore store(dir);
    store.add("event-1", SigningKey::generate());
    store.add("event-1", SigningKey::generate());  // rotation appends
    EXPECT_EQ(modeOf(dir), 0700u);
    EXPECT_EQ(store.keys("event-1").size(), 2u);
}

TEST(KeyStoreRotation, TheNewestKeyIsTheCurrentOneAndOlderOnesStayForVerifying) {
    TempDir home;
    KeyStore store(home.file("keys"));
    const SigningKey first = SigningKey::generate();
    const SigningKey second = SigningKey::generate();
    store.add("event-1", first);
    store.add("event-1", second);
    EXPECT_EQ(store.current("event-1").id, second.id);
    const auto all = store.keys("event-1");
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all.front().id, first.id);
}
