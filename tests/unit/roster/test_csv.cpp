#include "core/roster/csv.hpp"
#include "core/text/utf8.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace oh {
namespace {

using Fields = std::vector<std::string>;

TEST(CsvReader, ReadsLfRecordsWithLineNumbers) {
    CsvDocument doc = readCsv("a,b,c\n1,2,3\n");
    ASSERT_EQ(doc.records.size(), 2u);
    EXPECT_EQ(doc.records[0].fields, (Fields{"a", "b", "c"}));
    EXPECT_EQ(doc.records[1].fields, (Fields{"1", "2", "3"}));
    EXPECT_EQ(doc.records[0].line, 1);
    EXPECT_EQ(doc.records[1].line, 2);
    EXPECT_TRUE(doc.errors.empty());
    EXPECT_FALSE(doc.hadBom);
}

TEST(CsvReader, LastRecordWithoutLineBreak) {
    CsvDocument doc = readCsv("a,b\n1,2");
    ASSERT_EQ(doc.records.size(), 2u);
    EXPECT_EQ(doc.records[1].fields, (Fields{"1", "2"}));
}

TEST(CsvReader, CrlfLfAndLoneCrMixed) {
    CsvDocument doc = readCsv("a,b\r\n1,2\n3,4\r5,6\r\n");
    ASSERT_EQ(doc.records.size(), 4u);
    EXPECT_EQ(doc.records[1].fields, (Fields{"1", "2"}));
    EXPECT_EQ(doc.records[2].fields, (Fields{"3", "4"}));
    EXPECT_EQ(doc.records[3].fields, (Fields{"5", "6"}));
    EXPECT_EQ(doc.records[3].line, 4);
}

TEST(CsvReader, StripsUtf8Bom) {
    CsvDocument doc = readCsv("\xEF\xBB\xBFName,Email\r\nA,a@x.io\r\n");
    EXPECT_TRUE(doc.hadBom);
    ASSERT_EQ(doc.records.size(), 2u);
    EXPECT_EQ(doc.records[0].fields[0], "Name");
}

TEST(CsvReader, QuotedCommaAndDoubledQuote) {
    CsvDocument doc = readCsv("\"Lovelace, Ada\",\"say \"\"hi\"\"\",\"\"\n");
    ASSERT_EQ(doc.records.size(), 1u);
    EXPECT_EQ(doc.records[0].fields, (Fields{"Lovelace, Ada", "say \"hi\"", ""}));
    EXPECT_TRUE(doc.errors.empty());
}

TEST(CsvReader, QuotedNewlineKeepsLineNumbersOfLaterRecords) {
    CsvDocument doc = readCsv("h1,h2\nx,\"one\r\ntwo\nthree\"\ny,z\n");
    ASSERT_EQ(doc.records.size(), 3u);
    EXPECT_EQ(doc.records[1].fields[1], "one\ntwo\nthree");  // line breaks normalised
    EXPECT_EQ(doc.records[1].line, 2);
    EXPECT_EQ(doc.records[2].line, 5);
    EXPECT_EQ(doc.records[2].fields, (Fields{"y", "z"}));
}

TEST(CsvReader, EmptyAndTrailingFields) {
    CsvDocument doc = readCsv("a,,c,\n");
    ASSERT_EQ(doc.records.size(), 1u);
    EXPECT_EQ(doc.records[0].fields, (Fields{"a", "", "c", ""}));
}

TEST(CsvReader, BlankLinesSkippedButCounted) {
    CsvDocument doc = readCsv("a\n\n\r\nb\n");
    ASSERT_EQ(doc.records.size(), 2u);
    EXPECT_EQ(doc.records[1].fields, (Fields{"b"}));
    EXPECT_EQ(doc.records[1].line, 4);
}

TEST(CsvReader, BlankLinesKeptOnRequest) {
    CsvDocument doc = readCsv("a\n\nb\n", CsvReadOptions{.skipBlankLines = false});
    ASSERT_EQ(doc.records.size(), 3u);
    EXPECT_EQ(doc.records[1].fields, (Fields{""}));
    EXPECT_EQ(doc.records[1].line, 2);
}

TEST(CsvReader, UnterminatedQuoteReportedAndLaterRowsStillRead) {
    CsvDocument doc = readCsv("h1,h2\nok,1\nbad,\"never closed\nnext,2\nlast,3\n");
    ASSERT_EQ(doc.errors.size(), 1u);
    EXPECT_EQ(doc.errors[0].kind, CsvErrorKind::UnterminatedQuote);
    EXPECT_STREQ(csvErrorCode(doc.errors[0].kind), "unterminated-quote");
    EXPECT_EQ(doc.errors[0].line, 3);
    EXPECT_EQ(doc.errors[0].recordLine, 3);
    EXPECT_EQ(doc.errors[0].field, 1);
    ASSERT_EQ(doc.records.size(), 5u);
    EXPECT_TRUE(doc.records[2].malformed);
    EXPECT_EQ(doc.records[2].fields, (Fields{"bad", "never closed"}));
    EXPECT_EQ(doc.records[3].line, 4);
    EXPECT_EQ(doc.records[3].fields, (Fields{"next", "2"}));
    EXPECT_FALSE(doc.records[4].malformed);
}

TEST(CsvReader, UnterminatedQuoteOnLaterLineOfRecord) {
    CsvDocument doc = readCsv("a,\"x\ny\",\"open\n");
    ASSERT_EQ(doc.errors.size(), 1u);
    EXPECT_EQ(doc.errors[0].line, 2);
    EXPECT_EQ(doc.errors[0].recordLine, 1);
    EXPECT_EQ(doc.errors[0].field, 2);
}

TEST(CsvReader, QuoteInsideUnquotedField) {
    CsvDocument doc = readCsv("name,note\nAda,5\" screen\n");
    ASSERT_EQ(doc.errors.size(), 1u);
    EXPECT_EQ(doc.errors[0].kind, CsvErrorKind::StrayQuote);
    EXPECT_STREQ(csvErrorCode(doc.errors[0].kind), "stray-quote");
    EXPECT_EQ(doc.errors[0].line, 2);
    EXPECT_EQ(doc.errors[0].field, 1);
    ASSERT_EQ(doc.records.size(), 2u);
    EXPECT_TRUE(doc.records[1].malformed);
    EXPECT_EQ(doc.records[1].fields[1], "5\" screen");  // kept literally
}

TEST(CsvReader, TextAfterClosingQuote) {
    CsvDocument doc = readCsv("\"Ada\" Lovelace,x\n");
    ASSERT_EQ(doc.errors.size(), 1u);
    EXPECT_EQ(doc.errors[0].kind, CsvErrorKind::StrayQuote);
    EXPECT_EQ(doc.errors[0].line, 1);
    EXPECT_EQ(doc.records[0].fields, (Fields{"Ada Lovelace", "x"}));
}

TEST(CsvReader, EmptyInputAndBomOnly) {
    EXPECT_TRUE(readCsv("").records.empty());
    CsvDocument doc = readCsv("\xEF\xBB\xBF");
    EXPECT_TRUE(doc.records.empty());
    EXPECT_TRUE(doc.hadBom);
}

TEST(CsvUtf8, AcceptsValidText) {
    EXPECT_EQ(findInvalidUtf8("plain"), std::nullopt);
    EXPECT_EQ(findInvalidUtf8("ليلى अनन्या 王小明"), std::nullopt);
    EXPECT_EQ(findInvalidUtf8("\xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF"), std::nullopt);  // 4-byte, max
}

TEST(CsvUtf8, RejectsMalformedSequences) {
    EXPECT_EQ(findInvalidUtf8("ab\xC0\x80"), 2u);        // overlong NUL
    EXPECT_EQ(findInvalidUtf8("\xC1\xBF"), 0u);          // overlong 2-byte
    EXPECT_EQ(findInvalidUtf8("x\xE0\x80\x80"), 1u);     // overlong 3-byte
    EXPECT_EQ(findInvalidUtf8("\xF0\x80\x80\x80"), 0u);  // overlong 4-byte
    EXPECT_EQ(findInvalidUtf8("\xED\xA0\x80"), 0u);      // surrogate U+D800
    EXPECT_EQ(findInvalidUtf8("\xED\xBF\xBF"), 0u);      // surrogate U+DFFF
    EXPECT_EQ(findInvalidUtf8("\xF4\x90\x80\x80"), 0u);  // U+110000
    EXPECT_EQ(findInvalidUtf8("\xF5\x80\x80\x80"), 0u);  // lead byte above F4
    EXPECT_EQ(findInvalidUtf8("ok\x80"), 2u);            // lone continuation
    EXPECT_EQ(findInvalidUtf8("\xE4\xB8"), 0u);          // truncated
    EXPECT_EQ(findInvalidUtf8("Ren\xE9"), 3u);           // Windows-1252 e-acute
}

TEST(CsvWriter, QuotesOnlyWhenNeeded) {
    EXPECT_EQ(csvField("plain"), "plain");
    EXPECT_EQ(csvField("a,b"), "\"a,b\"");
    EXPECT_EQ(csvField("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csvField("two\nlines"), "\"two\nlines\"");
    EXPECT_EQ(csvField("cr\r"), "\"cr\r\"");
    EXPECT_EQ(csvField(""), "");
}

TEST(CsvWriter, RecordUsesCrlfAndKeepsLoneEmptyField) {
    EXPECT_EQ(csvRecord(Fields{"a", "b,c"}), "a,\"b,c\"\r\n");
    EXPECT_EQ(csvRecord(Fields{""}), "\"\"\r\n");
    EXPECT_EQ(csvRecord(Fields{"a"}, CsvWriteOptions{.lineEnding = "\n"}), "a\n");
}

TEST(CsvWriter, FormulaGuardOnlyWhenAsked) {
    CsvWriteOptions guard{.guardFormulas = true};
    EXPECT_EQ(csvField("=HYPERLINK(\"x\")", guard), "\"'=HYPERLINK(\"\"x\"\")\"");
    EXPECT_EQ(csvField("+1", guard), "'+1");
    EXPECT_EQ(csvField("-12%", guard), "'-12%");
    EXPECT_EQ(csvField("@SUM(A1)", guard), "'@SUM(A1)");
    EXPECT_EQ(csvField("\tx", guard), "'\tx");
    EXPECT_EQ(csvField("Ada", guard), "Ada");
    EXPECT_EQ(csvField("a=b", guard), "a=b");
    EXPECT_EQ(csvField("=1+2"), "=1+2");  // off by default
}

TEST(CsvWriter, WrittenRecordsReadBackUnchanged) {
    std::vector<Fields> rows{
        {"name", "note"}, {"Lovelace, Ada", "said \"hi\"\nthen left"}, {"王小明", ""}, {""}};
    std::ostringstream out;
    for (const auto& row : rows) writeCsvRecord(out, row);
    CsvDocument doc = readCsv(out.str());
    EXPECT_TRUE(doc.errors.empty());
    ASSERT_EQ(doc.records.size(), rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(doc.records[i].fields, rows[i]);
}

}  // namespace
}  // namespace oh
