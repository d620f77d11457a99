// What an invitation says about the event: the print sheet and the mail-merge card carry the
// event's name, date and venue; a long venue is cut, never run into the next cell; the card
// still scans.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/render/image.hpp"
#include "core/render/invite_sheet.hpp"
#include "core/render/qr.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;

namespace {

const std::string kToken =
    "OH:AEAJGO26AGRDJZ7QH53VZINVQSNNDTAP6YA2ENHH6FBHCO4BEYQDHA6XX2BWWD4XRFVRSUGQNMNYUWCMMABH7XSY"
    "47TQKNV2V3U37X7LBGPVAAFHNHC3GEDLFZYMY47T2HW3USAAAABBBBCCCCDDDDEEEEFFFFGGGGHHHHIIIIJJJJKKKK"
    "LLL";

std::string pdfText(const std::string& pdf, TempDir& dir) {
    const std::string txt = dir.file("sheet.txt");
    if (std::system(("pdftotext " + shellQuote(pdf) + " " + shellQuote(txt)).c_str()) != 0)
        return "<pdftotext failed>";
    std::ifstream in(txt);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST(InviteCard, TheSheetShowsTheEventsDateAndVenueBesideEveryCode) {
    TempDir dir;
    const std::string pdf = dir.file("invites.pdf");
    const InviteEvent event{"Demo Day", "Thursday 10 December 2026, 14:00-18:30", "Hall 2"};
    std::vector<InviteEntry> entries{{"فاطمة الزهراء", "", "guest", kToken},
                                     {"王小明", "Infra", "staff", kToken}};
    std::string error;
    ASSERT_TRUE(writeInviteSheetPdf(pdf, entries, event, &error)) << error;
    const std::string text = pdfText(pdf, dir);
    EXPECT_NE(text.find("10 December"), std::string::npos) << text;
    EXPECT_NE(text.find("Hall 2"), std::string::npos) << text;
    EXPECT_NE(text.find("王小明"), std::string::npos) << text;
}

// The first cell of a page ends 236 pt from the top (44 pt header + 192 pt cell); with one
// entry, everything below the cut line is blank paper unless the text ran on out of its cell.
// (The PDF's text layer keeps the whole venue behind the ellipsis, so it is checked as ink.)
TEST(InviteCard, ALongVenueIsCutWithAnEllipsisNotRunOn) {
    TempDir dir;
    const std::string pdf = dir.file("invites.pdf");
    std::string venue;
    for (int i = 0; i < 12; ++i) venue += "Hall of the Municipal Convention Centre, Entrance C, ";
    std::string error;
    ASSERT_TRUE(writeInviteSheetPdf(pdf, {{"Ana Lima", "", "guest", kToken}},
                                    {"Demo Day", "Thursday 10 December 2026, 14:00-18:30", venue},
                                    &error))
        << error;
    const std::string prefix = dir.file("page");
    ASSERT_EQ(std::system(("pdftoppm -r 72 -gray -png -f 1 -l 1 " + shellQuote(pdf) + " " +
                           shellQuote(prefix))
                              .c_str()),
              0);
    auto page = readImageGray(prefix + "-1.png", &error);
    ASSERT_TRUE(page) << error;
    int ink = 0;
    for (int y = 240; y < 420 && y < page->height; ++y)
        for (int x = 30; x < page->width - 30; ++x)
            ink += page->pixels[static_cast<std::size_t>(y) * page->width + x] < 128;
    EXPECT_EQ(ink, 0) << "text ran out of its cell";
}

TEST(InviteCard, TheMailMergeCardIsPrivateAndStillScans) {
    TempDir dir;
    const std::string png = dir.file("card.png");
    std::string error;
    ASSERT_TRUE(writeInviteCardPng(png, kToken, {"Demo Day", "Thursday 10 December 2026", "Hall 2"},
                                   8, &error))
        << error;
    struct stat st {};
    ASSERT_EQ(::stat(png.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    auto image = readImageGray(png, &error);
    ASSERT_TRUE(image) << error;
    EXPECT_GT(image->height, image->width);  // the event's lines under the code
    auto text = decodeQr(FrameView::of(*image));
    ASSERT_TRUE(text);
    EXPECT_EQ(*text, kToken);
    EXPECT_FALSE(writeInviteCardPng(dir.file("x.png"), std::string(5000, 'A'), {}, 8, &error));
}
