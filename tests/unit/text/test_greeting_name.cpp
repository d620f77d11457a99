// The name a mail merge greets someone by.
#include <gtest/gtest.h>

#include "core/text/greeting_name.hpp"

using namespace oh;

TEST(GreetingName, IsTheFirstWordOfANameWrittenGivenNameFirst) {
    EXPECT_EQ(greetingName("Ana Lima"), "Ana");
    EXPECT_EQ(greetingName("  José   Muñoz García "), "José");
    EXPECT_EQ(greetingName("فاطمة الزهراء"), "فاطمة");
    EXPECT_EQ(greetingName("प्रिया शर्मा"), "प्रिया");
    EXPECT_EQ(greetingName("Cher"), "Cher");
    EXPECT_EQ(greetingName(""), "");
}

TEST(GreetingName, KeepsANameWrittenFamilyNameFirstWhole) {
    EXPECT_EQ(greetingName("王小明"), "王小明");
    EXPECT_EQ(greetingName("山田 太郎"), "山田 太郎");
    EXPECT_EQ(greetingName("김민준"), "김민준");
}
