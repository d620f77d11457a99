#include <gtest/gtest.h>

#include "core/config/config.hpp"
#include "core/identity/pin.hpp"

using namespace oh;

namespace {
std::string joined(const std::vector<std::string>& errors) {
    std::string all;
    for (const auto& e : errors) all += e + "\n";
    return all;
}
}  // namespace

TEST(Config, ExampleConfigInTheRepositoryIsValid) {
    auto r = loadConfig(std::string(OPENHOUSE_TEST_DATA) + "/../../config/openhouse.toml");
    ASSERT_TRUE(r.config) << joined(r.errors);
    EXPECT_EQ(r.config->deviceName, "kiosk-1");
    EXPECT_EQ(r.config->kiosk.idleTimeoutSeconds, 45);
    EXPECT_EQ(r.config->sync.central, "sqlite:/var/lib/openhouse/central.db");
}

TEST(Config, EmptyFileGivesDefaults) {
    auto r = parseConfig("", "empty.toml");
    ASSERT_TRUE(r.config);
    EXPECT_EQ(r.config->kiosk.language, "en");
    EXPECT_EQ(r.config->kiosk.badgeSize, "4x3");
}

TEST(Config, SyntaxErrorNamesFileLineAndColumn) {
    auto r = parseConfig("[kiosk]\nlanguage = \"en\"\nprinter = \n", "site.toml");
    EXPECT_FALSE(r.config);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].rfind("site.toml:3:", 0), 0u) << r.errors[0];
}

TEST(Config, MisspeltKeyIsRefusedWithASuggestion) {
    auto r = parseConfig("[kiosk]\nidle_timout_seconds = 30\n", "site.toml");
    EXPECT_FALSE(r.config);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0],
              "site.toml:2: unknown key 'kiosk.idle_timout_seconds' (did you mean "
              "'kiosk.idle_timeout_seconds'?)");
}

TEST(Config, UnknownSectionIsRefused) {
    auto r = parseConfig("[printer]\nname = \"x\"\n", "site.toml");
    EXPECT_FALSE(r.config);
    EXPECT_NE(joined(r.errors).find("unknown key 'printer'"), std::string::npos)
        << joined(r.errors);
}

TEST(Config, WrongTypesAndRangesAreAllListed) {
    auto r = parseConfig(
        "[kiosk]\n"
        "idle_timeout_seconds = \"soon\"\n"
        "badge_size = \"huge\"\n"
        "language = \"English\"\n"
        "lead_pin_hash = \"1234\"\n"
        "[sync]\n"
        "central = \"mysql://x\"\n"
        "batch_size = 0\n"
        "[device]\n"
        "name = \"../etc\"\n",
        "site.toml");
    EXPECT_FALSE(r.config);
    std::string all = joined(r.errors);
    EXPECT_EQ(r.errors.size(), 7u) << all;
    EXPECT_NE(all.find("site.toml:2: kiosk.idle_timeout_seconds must be a whole number"),
              std::string::npos)
        << all;
    EXPECT_NE(all.find("site.toml:3: kiosk.badge_size must be one of"), std::string::npos) << all;
    EXPECT_NE(all.find("kiosk.language must be a two-letter"), std::string::npos) << all;
    EXPECT_NE(all.find("kiosk.lead_pin_hash must be a hash"), std::string::npos) << all;
    EXPECT_NE(all.find("sync.central must be 'sqlite:PATH'"), std::string::npos) << all;
    EXPECT_NE(all.find("sync.batch_size must be between 1 and 10000"), std::string::npos) << all;
    EXPECT_NE(all.find("device.name may hold only"), std::string::npos) << all;
}

TEST(Config, MissingFileIsAClearError) {
    auto r = loadConfig("/nonexistent/openhouse.toml");
    EXPECT_FALSE(r.config);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_NE(r.errors[0].find("cannot read"), std::string::npos);
}

TEST(Pin, HashVerifiesOnlyTheRightPin) {
    auto hash = hashPin("482913");
    EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u);
    EXPECT_EQ(hash.find("482913"), std::string::npos);
    EXPECT_TRUE(verifyPin(hash, "482913"));
    EXPECT_FALSE(verifyPin(hash, "482914"));
    EXPECT_FALSE(verifyPin("", "482913"));
    EXPECT_FALSE(verifyPin("garbage", "482913"));
}

TEST(Pin, ShapeIsChecked) {
    EXPECT_FALSE(pinProblem("4829"));
    EXPECT_TRUE(pinProblem("123"));
    EXPECT_TRUE(pinProblem("12a4"));
    EXPECT_TRUE(pinProblem(std::string(13, '1')));
}

TEST(Pin, RepeatedFailuresLockOutEvenTheRightPinThenRelease) {
    PinGate gate(hashPin("2468"), 3);
    std::int64_t t = 1'000'000;
    EXPECT_EQ(gate.attempt("0000", t), PinGate::Result::Rejected);
    EXPECT_EQ(gate.attempt("0000", t), PinGate::Result::Rejected);
    EXPECT_EQ(gate.attempt("0000", t), PinGate::Result::LockedOut);
    EXPECT_EQ(gate.lockedForMillis(t), 30'000);
    EXPECT_EQ(gate.attempt("2468", t + 29'000), PinGate::Result::LockedOut);
    EXPECT_EQ(gate.attempt("2468", t + 30'000), PinGate::Result::Accepted);
    EXPECT_EQ(gate.failures(), 0);
}

TEST(Pin, LockoutDoublesWithFurtherFailures) {
    PinGate gate(hashPin("2468"), 1);
    std::int64_t t = 0;
    EXPECT_EQ(gate.attempt("1", t), PinGate::Result::LockedOut);
    EXPECT_EQ(gate.lockedForMillis(t), 30'000);
    t += 30'000;
    EXPECT_EQ(gate.attempt("1", t), PinGate::Result::LockedOut);
    EXPECT_EQ(gate.lockedForMillis(t), 60'000);
}

TEST(Config, NonFiniteNumbersAreRefusedWithFileAndLine) {
    auto r = parseConfig(
        "[conversion]\n"
        "bar = nan\n"
        "encore_margin = +nan\n"
        "min_peer_rating = -nan\n",
        "site.toml");
    EXPECT_FALSE(r.config);
    std::string all = joined(r.errors);
    EXPECT_EQ(r.errors.size(), 3u) << all;
    EXPECT_NE(all.find("site.toml:2: conversion.bar must be a finite number"), std::string::npos)
        << all;
    EXPECT_NE(all.find("site.toml:3: conversion.encore_margin must be a finite number"),
              std::string::npos)
        << all;
    EXPECT_NE(all.find("site.toml:4: conversion.min_peer_rating must be a finite number"),
              std::string::npos)
        << all;
}

TEST(Config, InfinitiesAreRefusedToo) {
    auto r = parseConfig("[conversion]\nbar = inf\nencore_margin = -inf\n", "site.toml");
    EXPECT_FALSE(r.config);
    std::string all = joined(r.errors);
    EXPECT_EQ(r.errors.size(), 2u) << all;
    EXPECT_NE(all.find("site.toml:2: conversion.bar must be a finite number"), std::string::npos)
        << all;
    EXPECT_NE(all.find("site.toml:3: conversion.encore_margin must be a finite number"),
              std::string::npos)
        << all;
}

TEST(ConfigJudging, ModeAndJudgingKeysAreRead) {
    auto r = parseConfig(
        "[kiosk]\nmode = \"scoring\"\n[judging]\npin_alone = true\nlock_after_idle_seconds = 90\n"
        "[[judging.criteria]]\nkey = \"impact\"\ntitle = \"Impact\"\nweight = 3\n"
        "levels = [\"a\", \"b\", \"c\", \"d\", \"e\"]\n"
        "[[judging.criteria]]\nkey = \"craft\"\nlevels = [\"1\", \"2\", \"3\", \"4\", \"5\"]\n",
        "judging.toml");
    ASSERT_TRUE(r.config) << joined(r.errors);
    EXPECT_EQ(r.config->kiosk.mode, "scoring");
    EXPECT_TRUE(r.config->judging.pinAlone);
    EXPECT_EQ(r.config->judging.lockAfterIdleSeconds, 90);
    ASSERT_EQ(r.config->judging.rubric.criteria.size(), 2u);
    EXPECT_EQ(r.config->judging.rubric.criteria[0].weight, 3);
    EXPECT_EQ(r.config->judging.rubric.criteria[0].levels[4], "e");
    EXPECT_EQ(r.config->judging.rubric.criteria[1].title, "craft")
        << "the title defaults to the key";
}

TEST(ConfigJudging, WithoutCriteriaTheDefaultRubricHolds) {
    auto r = parseConfig("", "empty.toml");
    ASSERT_TRUE(r.config);
    EXPECT_EQ(r.config->kiosk.mode, "door");
    EXPECT_EQ(r.config->judging.rubric.criteria.size(), defaultRubric().criteria.size());
}

TEST(ConfigJudging, AnUnknownModeIsRefusedWithItsLine) {
    auto r = parseConfig("[kiosk]\n\nmode = \"judging\"\n", "mode.toml");
    ASSERT_FALSE(r.config);
    EXPECT_NE(joined(r.errors).find("mode.toml:3: kiosk.mode must be"), std::string::npos)
        << joined(r.errors);
}

TEST(ConfigJudging, ACriterionWithoutFiveLevelsOrWithAStrayKeyIsRefused) {
    auto four = parseConfig(
        "[[judging.criteria]]\nkey = \"x\"\nlevels = [\"1\",\"2\",\"3\",\"4\"]\n", "four.toml");
    ASSERT_FALSE(four.config);
    EXPECT_NE(joined(four.errors).find("five descriptions"), std::string::npos)
        << joined(four.errors);
    auto stray = parseConfig(
        "[[judging.criteria]]\nkey = \"x\"\nwieght = 2\nlevels = [\"1\",\"2\",\"3\",\"4\",\"5\"]\n",
        "stray.toml");
    ASSERT_FALSE(stray.config);
    EXPECT_NE(joined(stray.errors).find("unknown key 'wieght'"), std::string::npos)
        << joined(stray.errors);
}

TEST(ConfigJudging, TwoCriteriaWithOneKeyOrAZeroWeightAreRefused) {
    const std::string levels = "levels = [\"1\",\"2\",\"3\",\"4\",\"5\"]\n";
    auto twice = parseConfig("[[judging.criteria]]\nkey = \"x\"\n" + levels +
                                 "[[judging.criteria]]\nkey = \"x\"\n" + levels,
                             "twice.toml");
    ASSERT_FALSE(twice.config);
    EXPECT_NE(joined(twice.errors).find("named twice"), std::string::npos) << joined(twice.errors);
    auto zero =
        parseConfig("[[judging.criteria]]\nkey = \"x\"\nweight = 0\n" + levels, "zero.toml");
    ASSERT_FALSE(zero.config);
    EXPECT_NE(joined(zero.errors).find("weight above 0"), std::string::npos) << joined(zero.errors);
}

TEST(ConfigJudging, CriteriaWrittenInlineAsInTheTemplateAreRead) {
    auto r = parseConfig(
        "[judging]\ncriteria = [{ key = \"impact\", weight = 2, levels = [\"a\", \"b\", \"c\", "
        "\"d\", \"e\"] }]\n",
        "inline.toml");
    ASSERT_TRUE(r.config) << joined(r.errors);
    ASSERT_EQ(r.config->judging.rubric.criteria.size(), 1u);
    EXPECT_EQ(r.config->judging.rubric.criteria[0].key, "impact");
}
