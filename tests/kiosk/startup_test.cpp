// What the kiosk checks when it starts: a wrong configuration or a missing store stop it with
// code 2 and say what to do; a kiosk in lockdown needs a lead PIN (or it could never be
// closed), and the operator is told how to set one.
#include <fstream>

#include "core/identity/pin.hpp"
#include "kiosk_fixture.hpp"

namespace oh::kiosk::testing {
namespace {

std::string readAll(const std::filesystem::path& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(KioskStartup, LockdownWithoutALeadPinRefusesToStartAndSaysHowToSetOne) {
    const auto dir = tempDir("nopin");
    DemoStore store(dir);
    std::ofstream(dir / "openhouse.toml") << "[kiosk]\nlanguage = \"en\"\n";
    // Fullscreen (lockdown) is the default. `timeout`: a kiosk that starts anyway would run
    // until killed, and that is the failure this test is about.
    const std::string cmd =
        "SDL_VIDEODRIVER=offscreen timeout 60 " + std::string(OPENHOUSE_KIOSK_BIN) + " --config " +
        (dir / "openhouse.toml").string() + " --store " + store.path +
        " --camera /dev/video-openhouse-test-none > " + (dir / "out.txt").string() + " 2>&1";
    const int status = std::system(cmd.c_str());
    ASSERT_TRUE(WIFEXITED(status));
    const std::string out = readAll(dir / "out.txt");
    EXPECT_EQ(WEXITSTATUS(status), 2) << out;
    EXPECT_NE(out.find("no lead PIN is set"), std::string::npos) << out;
    EXPECT_NE(out.find("openhouse pin-hash"), std::string::npos) << out;
    EXPECT_NE(out.find("lead_pin_hash"), std::string::npos) << out;
    EXPECT_NE(out.find((dir / "openhouse.toml").string()), std::string::npos)
        << "the message must name the configuration file to edit: " << out;
}

TEST(KioskStartup, LockdownStartsWithALeadPinAndAWindowedKioskNeedsNone) {
    DemoStore store(tempDir("store"));
    KioskOptions locked = storeOptions(Size{1280, 800}, store);
    locked.lockdown = true;
    EXPECT_THROW(Kiosk{locked}, SetupError);
    locked.leadPinHash = hashPin("2468");
    EXPECT_NO_THROW(Kiosk{locked});
    KioskOptions open = storeOptions(Size{1280, 800}, store);  // headless: no lockdown
    EXPECT_NO_THROW(Kiosk{open});
}

TEST(KioskSetup, WrongConfigurationExitsWithCode2) {
    const auto dir = tempDir("config");
    std::ofstream(dir / "bad.toml") << "[kiosk]\nidle_timout_seconds = 5\n";
    const std::string cmd = std::string(OPENHOUSE_KIOSK_BIN) + " --headless --config " +
                            (dir / "bad.toml").string() + " > " + (dir / "out.txt").string() +
                            " 2>&1";
    const int status = std::system(cmd.c_str());
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 2);
    std::ifstream in(dir / "out.txt");
    std::string out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(out.find("bad.toml:2"), std::string::npos) << out;
}

TEST(KioskSetup, MissingStoreExitsWithCode2AndSaysHowToEnrol) {
    const auto dir = tempDir("nostore");
    const std::string cmd = std::string(OPENHOUSE_KIOSK_BIN) + " --headless --home " +
                            dir.string() + " --device kiosk-9 > " + (dir / "out.txt").string() +
                            " 2>&1";
    const int status = std::system(cmd.c_str());
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 2);
    std::ifstream in(dir / "out.txt");
    std::string out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(out.find("openhouse enrol"), std::string::npos) << out;
    EXPECT_FALSE(std::filesystem::exists(dir / "devices" / "kiosk-9.db"))
        << "a missing store must not be created";
}

}  // namespace
}  // namespace oh::kiosk::testing
