// The CSV writer's one special case: a record of a single empty field is written as "" (a
// bare line end would be read back as a blank line and skipped). A record that only starts
// with an empty field is written as it is.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/roster/csv.hpp"

using namespace oh;

TEST(CsvWriterEdges, OnlyALoneEmptyFieldIsQuoted) {
    using Fields = std::vector<std::string>;
    EXPECT_EQ(csvRecord(Fields{""}), "\"\"\r\n");
    EXPECT_EQ(csvRecord(Fields{"", "b"}), ",b\r\n");
    EXPECT_EQ(csvRecord(Fields{"", ""}), ",\r\n");
    const CsvDocument doc = readCsv(csvRecord(Fields{"", "Ada"}) + csvRecord(Fields{""}));
    ASSERT_EQ(doc.records.size(), 2u);
    EXPECT_EQ(doc.records[0].fields, (Fields{"", "Ada"}));
    EXPECT_EQ(doc.records[1].fields, (Fields{""}));
}
