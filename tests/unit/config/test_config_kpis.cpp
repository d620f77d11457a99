// The configuration of encores and KPIs: the encore's due days and review criteria (checked
// against the rubric), programs of events with their management costs, and event costs;
// each bad value is an error that names the key.
#include <gtest/gtest.h>

#include "core/config/config.hpp"

using namespace oh;

namespace {

bool anyErrorHas(const ConfigResult& r, const std::string& text) {
    for (const auto& e : r.errors)
        if (e.find(text) != std::string::npos) return true;
    return false;
}

TEST(ConfigKpis, ProgramsEventCostsAndEncoreKeysAreRead) {
    const auto r = parseConfig(
        "[conversion]\nencore_due_days = 14\n"
        "[judging]\nencore_review_criteria = [\"impact\", \"quality\"]\n"
        "[kpis]\ncurrency = \"GBP\"\n"
        "event_costs = { \"Lisbon open house\" = 3500, \"Porto\" = 1200.5 }\n"
        "[[kpis.program]]\nname = \"Spring\"\nevents = [\"Lisbon open house\", \"Porto\"]\n"
        "management_cost = 12000\n",
        "t.toml");
    ASSERT_TRUE(r.config) << (r.errors.empty() ? "" : r.errors[0]);
    const Config& c = *r.config;
    EXPECT_EQ(c.conversion.encoreDueDays, 14);
    EXPECT_EQ(c.judging.encoreReviewCriteria, (std::vector<std::string>{"impact", "quality"}));
    EXPECT_EQ(c.kpis.currency, "GBP");
    ASSERT_EQ(c.kpis.programs.size(), 1u);
    EXPECT_EQ(c.kpis.programs[0].name, "Spring");
    EXPECT_EQ(c.kpis.programs[0].events.size(), 2u);
    EXPECT_DOUBLE_EQ(c.kpis.programs[0].managementCost, 12000);
    EXPECT_DOUBLE_EQ(c.kpis.eventCosts.at("Porto"), 1200.5);
    EXPECT_DOUBLE_EQ(c.kpis.eventCosts.at("Lisbon open house"), 3500);
}

TEST(ConfigKpis, DefaultsNeedNoKeys) {
    const auto r = parseConfig("", "t.toml");
    ASSERT_TRUE(r.config);
    EXPECT_EQ(r.config->conversion.encoreDueDays, 10);
    EXPECT_TRUE(r.config->judging.encoreReviewCriteria.empty());
    EXPECT_TRUE(r.config->kpis.programs.empty());
    EXPECT_EQ(r.config->kpis.currency, "EUR");
}

TEST(ConfigKpis, EachBadValueIsAnErrorNamingItsKey) {
    EXPECT_TRUE(anyErrorHas(parseConfig("[conversion]\nencore_due_days = 0\n", "t.toml"),
                            "conversion.encore_due_days must be between 1 and 365"));
    EXPECT_TRUE(
        anyErrorHas(parseConfig("[judging]\nencore_review_criteria = [\"charm\"]\n", "t.toml"),
                    "judging.encore_review_criteria names 'charm', which is not a criterion"));
    EXPECT_TRUE(anyErrorHas(parseConfig("[judging]\nencore_review_criteria = [1]\n", "t.toml"),
                            "must be a list of strings"));
    EXPECT_TRUE(anyErrorHas(parseConfig("[kpis]\nevent_costs = { A = -5 }\n", "t.toml"),
                            "amounts must be numbers of at least 0"));
    EXPECT_TRUE(anyErrorHas(parseConfig("[kpis]\nevent_costs = { A = \"5\" }\n", "t.toml"),
                            "amounts must be numbers of at least 0"));
    EXPECT_TRUE(
        anyErrorHas(parseConfig("[[kpis.program]]\nevents = [\"A\"]\n", "t.toml"), "needs a name"));
    EXPECT_TRUE(
        anyErrorHas(parseConfig("[[kpis.program]]\nname = \"P\"\nmanagement_cost = -1\n", "t.toml"),
                    "needs a name"));
    EXPECT_TRUE(anyErrorHas(parseConfig("[[kpis.program]]\nname = \"P\"\ncost = 1\n", "t.toml"),
                            "has an unknown key 'cost'"));
    EXPECT_TRUE(anyErrorHas(parseConfig("[kpis]\ncurency = \"EUR\"\n", "t.toml"),
                            "did you mean 'kpis.currency'"));
}

}  // namespace
