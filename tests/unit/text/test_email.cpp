// The one e-mail rule (roster import, walk-ins, judging sheet): each refusal next to the
// nearest address that passes.
#include <gtest/gtest.h>

#include <string>

#include "core/text/email.hpp"

using namespace oh;

namespace {

void expectRefused(const std::string& email, const std::string& why) {
    auto problem = emailProblem(email);
    ASSERT_TRUE(problem.has_value()) << "'" << email << "' was accepted";
    EXPECT_EQ(*problem, why) << email;
    EXPECT_FALSE(isUsableEmail(email)) << email;
}

void expectAccepted(const std::string& email) {
    EXPECT_EQ(emailProblem(email), std::nullopt) << email;
    EXPECT_TRUE(isUsableEmail(email)) << email;
}

}  // namespace

TEST(Email, NeedsExactlyOneAt) {
    expectRefused("ada.example.org", "it needs exactly one @");
    expectRefused("ada@lovelace@example.org", "it needs exactly one @");
    expectAccepted("ada@example.org");
}

TEST(Email, AnAddressWithNoAtIsRefusedForTheAtNotALaterRule) {
    // No @ and no dot either: the domain rule would refuse it too, with a reason that sends
    // the person looking in the wrong place.
    expectRefused("ada", "it needs exactly one @");
    expectRefused("ada-lovelace", "it needs exactly one @");
}

TEST(Email, NeedsALocalPart) {
    expectRefused("@example.org", "there is nothing before the @");
    expectAccepted("a@example.org");
}

TEST(Email, EmptyIsRefused) {
    expectRefused("", "the e-mail is empty");
}

TEST(Email, DomainNeedsADot) {
    expectRefused("ada@localhost", "the domain after the @ has no dot");
    expectRefused("ada@", "the domain after the @ has no dot");
    expectAccepted("ada@local.host");
}

TEST(Email, DomainLabelsMayNotBeEmpty) {
    // The walk-in screen and desk used to accept these; the roster never did.
    expectRefused("a@b..c", "the domain after the @ has an empty part");
    expectRefused("ada@.example.org", "the domain after the @ has an empty part");
    expectRefused("ada@example.org.", "the domain after the @ has an empty part");
    expectAccepted("a@b.c");
    expectAccepted("ada@mail.example.org");
}

TEST(Email, DotsInTheLocalPartAreTheSendersBusiness) {
    // Not checked (as the roster always did): the address still reaches its mailbox on the
    // usual providers, and refusing it would turn away people the roster holds.
    expectAccepted(".ada@example.org");
    expectAccepted("ada.@example.org");
    expectAccepted("ada..lovelace@example.org");
}

TEST(Email, SpacesAndControlCharactersAreRefused) {
    expectRefused("ada lovelace@example.org", "it contains a space or control character");
    expectRefused("ada@example.org\t", "it contains a space or control character");
    expectRefused(std::string("ada\0@example.org", 16), "it contains a space or control character");
    expectRefused("ada\x7F@example.org", "it contains a space or control character");
    expectRefused("ada\xC2\xA0lovelace@example.org", "it contains a space");
    expectAccepted("ada_lovelace@example.org");
}

TEST(Email, Utf8LocalPartsAndDomainsAreAcceptedAsTyped) {
    expectAccepted("josé@example.org");
    expectAccepted("用户@例子.广告");
    expectAccepted("प्रिया@उदाहरण.भारत");
    expectAccepted("محمد@مثال.مصر");
    // A non-ASCII dot (U+3002, ideographic full stop) is not a dot: no label separator.
    expectRefused("用户@例子。广告", "the domain after the @ has no dot");
}

TEST(Email, NormalisedByTrimmingAndLowerCasingAsciiOnly) {
    EXPECT_EQ(normalizeEmail("  Ada.Lovelace@Example.COM \t"), "ada.lovelace@example.com");
    EXPECT_EQ(normalizeEmail("\xC2\xA0"
                             "ada@example.org\xC2\xA0"),
              "ada@example.org");
    EXPECT_EQ(normalizeEmail("JOSÉ@Example.org"), "josÉ@example.org");
    EXPECT_EQ(normalizeEmail("ada@example.org"), "ada@example.org");
    EXPECT_EQ(normalizeEmail(" "), "");
}
