// Config values on both sides of each limit: a whole number at its minimum and maximum is
// taken, one past it is refused; the central record's address needs a path after "sqlite:";
// a device name holds 1 to 64 characters.
#include <gtest/gtest.h>

#include <string>

#include "core/config/config.hpp"

using namespace oh;

namespace {

std::string joined(const std::vector<std::string>& errors) {
    std::string all;
    for (const auto& e : errors) all += e + "\n";
    return all;
}

ConfigResult parse(const std::string& text) {
    return parseConfig(text, "site.toml");
}

}  // namespace

TEST(ConfigLimits, AWholeNumberAtItsMinimumOrMaximumIsTaken) {
    auto low = parse("[sync]\nbatch_size = 1\n");
    ASSERT_TRUE(low.config) << joined(low.errors);
    EXPECT_EQ(low.config->sync.batchSize, 1);
    auto high = parse("[sync]\nbatch_size = 10000\n");
    ASSERT_TRUE(high.config) << joined(high.errors);
    EXPECT_EQ(high.config->sync.batchSize, 10000);
}

TEST(ConfigLimits, AWholeNumberOnePastALimitIsRefused) {
    for (const char* value : {"0", "10001"}) {
        auto r = parse(std::string("[sync]\nbatch_size = ") + value + "\n");
        EXPECT_FALSE(r.config) << value;
        ASSERT_EQ(r.errors.size(), 1u) << joined(r.errors);
        EXPECT_EQ(r.errors[0], "site.toml:2: sync.batch_size must be between 1 and 10000");
    }
}

TEST(ConfigLimits, ARealNumberAtItsLimitsIsTakenAndPastThemRefused) {
    auto edge = parse("[conversion]\nbar = -3\nmin_peer_rating = 5.0\n");
    ASSERT_TRUE(edge.config) << joined(edge.errors);
    EXPECT_EQ(edge.config->conversion.bar, -3);
    EXPECT_EQ(edge.config->conversion.minPeerRating, 5.0);
    auto past = parse("[conversion]\nbar = 3.01\n");
    EXPECT_FALSE(past.config);
    EXPECT_NE(joined(past.errors).find("conversion.bar must be between -3 and 3"),
              std::string::npos)
        << joined(past.errors);
}

TEST(ConfigLimits, TheSqliteCentralNeedsAPath) {
    auto bare = parse("[sync]\ncentral = \"sqlite:\"\n");
    EXPECT_FALSE(bare.config);
    EXPECT_NE(joined(bare.errors).find("sync.central must be 'sqlite:PATH'"), std::string::npos)
        << joined(bare.errors);
    auto withPath = parse("[sync]\ncentral = \"sqlite:c\"\n");
    ASSERT_TRUE(withPath.config) << joined(withPath.errors);
    EXPECT_EQ(withPath.config->sync.central, "sqlite:c");
}

TEST(ConfigLimits, ADeviceNameHoldsOneTo64Characters) {
    const std::string longest(64, 'k');
    auto ok = parse("[device]\nname = \"" + longest + "\"\n");
    ASSERT_TRUE(ok.config) << joined(ok.errors);
    EXPECT_EQ(ok.config->deviceName, longest);
    for (const std::string& name : {std::string(), std::string(65, 'k')}) {
        auto r = parse("[device]\nname = \"" + name + "\"\n");
        EXPECT_FALSE(r.config) << name.size();
        EXPECT_NE(joined(r.errors).find("device.name must be 1 to 64 characters"),
                  std::string::npos)
            << joined(r.errors);
    }
}
