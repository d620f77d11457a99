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
