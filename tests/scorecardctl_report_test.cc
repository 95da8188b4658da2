// `scorecardctl report` on the seed, in all three formats: the numbers are
// the engine's (and the department's mean is exact), the units are ranked
// with ties shared, and the HTML page is self-contained and renders, in
// Debian's headless Chromium, to a picture that is not blank.

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/files.h"
#include "tests/testing/png.h"
#include "tests/testing/process.h"
#include "tests/testing/scorecardctl_process.h"
#include "tests/testing/seed.h"
#include "tests/testing/temp_dir.h"

namespace scorecard::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

ProcessResult Report(std::vector<std::string> args) {
  args.insert(args.begin(), {"report", "--rules", kBundledRules});
  return Scorecardctl(args);
}

TEST(ScorecardctlReport, MarkdownOfTheSeed) {
  const ProcessResult r = Report({kSeedDocument});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  // (4.96 + 4.96 + 4.66 + 4.86 + 4.91 + 4.94) / 6 = 4.88166…, half-up.
  EXPECT_THAT(r.out, HasSubstr("| 6 | 4.8817 | 4.6600 (กองบริหารทรัพยากรบุคคล) "
                               "| 4.9600 (สำนักงานเลขานุการกรม) |\n"));
  // Ranked by total, ties sharing a rank.
  EXPECT_THAT(r.out, HasSubstr("| 1 | สำนักงานเลขานุการกรม | 4.9600 | – | "
                               "ถูกต้อง | 0 | 0 |\n"
                               "| 1 | กองพัฒนาระบบการบังคับคดีและประเมินราคา"
                               "ทรัพย์สิน | 4.9600 |"));
  EXPECT_THAT(r.out, HasSubstr("| 3 | ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร | "
                               "4.9400 |"));
  EXPECT_THAT(r.out, HasSubstr("| 6 | กองบริหารทรัพยากรบุคคล | 4.6600 |"));
  // The dimension means are the engine's.
  EXPECT_THAT(r.out, HasSubstr("## คะแนนเฉลี่ยรายมิติ"));
  EXPECT_THAT(r.out, HasSubstr("| กองบริหารทรัพยากรบุคคล | 5.0000 | 4.6250 | "
                               "4.6250 | 5.0000 | 4.0000 |\n"));
  // One indicator of the seed scores below 3.
  EXPECT_THAT(r.out, HasSubstr("| 2.5 | ระดับความสำเร็จของการดำเนินการตามแผน"
                               "ความก้าวหน้าของบุคลากร | 2.0000 |\n"));
  EXPECT_THAT(r.out, HasSubstr("ไม่มีข้อผิดพลาด"));

  const ProcessResult en =
      Report({"--lang", "en", "--target", "4.5", kSeedDocument});
  EXPECT_THAT(en.out, HasSubstr("## Indicators below the target score 4.5"));
  EXPECT_THAT(en.out, HasSubstr("| VALID |"));
}

TEST(ScorecardctlReport, ViolationsAndFilesNotJudgedAreInTheReport) {
  TempDir dir;
  const std::string changed =
      dir.Write("changed.txt", SeedWithLineEdited(7, "\t๑๐", "\t๑๒"));
  const std::string garbage = dir.Write("garbage.txt", "garbage\n");
  const ProcessResult r =
      Report({"--lang", "en", "--output", dir / "report.md", changed, garbage});
  EXPECT_EQ(r.exit_status, 2) << r.err;
  EXPECT_EQ(r.out, "");
  const std::string report = ReadFile(dir / "report.md");
  EXPECT_THAT(report,
              HasSubstr(absl::StrCat("| ", changed,
                                     ":7 | 1.1 | ERROR | WEIGHT\\_MISMATCH "
                                     "| The weight ๑๒ of indicator 1.1")));
  EXPECT_THAT(report, HasSubstr("| INVALID | 2 | 0 |"));
  EXPECT_THAT(report, HasSubstr("## Files not judged"));
  EXPECT_THAT(report, HasSubstr(absl::StrCat("| ", garbage, " | ", garbage,
                                             ":1: row is not")));
}

TEST(ScorecardctlReport, CsvIsTheUnitsTableRanked) {
  const ProcessResult r =
      Report({"--format", "csv", "--csv-bom", kSeedDocument});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  ASSERT_TRUE(absl::StartsWith(r.out, "\xEF\xBB\xBF"));
  std::vector<std::vector<std::string>> rows;
  for (absl::string_view line :
       absl::StrSplit(r.out.substr(3), "\r\n", absl::SkipEmpty())) {
    rows.push_back(absl::StrSplit(line, ','));  // No field here needs quotes.
  }
  ASSERT_EQ(rows.size(), 7u);
  EXPECT_THAT(
      rows[0],
      ElementsAre("rank", "file", "index", "unit_id", "unit_name", "rule_set",
                  "total", "grade", "valid", "errors", "warnings",
                  "dimension:d1", "dimension:d2", "dimension:d3",
                  "dimension:d4", "dimension:d5", "below_target:3", "error"));
  EXPECT_THAT(rows[1][0], "1");
  EXPECT_THAT(rows[2][0], "1");
  EXPECT_THAT(rows[3][0], "3");
  EXPECT_EQ(rows[6][3], "human-resources");
  EXPECT_EQ(rows[6][6], "4.6600");
  EXPECT_EQ(rows[6][12], "4.6250");
  EXPECT_EQ(rows[6][16], "2.5 2.0000");
}

TEST(ScorecardctlReport, HtmlIsSelfContainedAndRendersInChromium) {
  TempDir dir;
  const std::string page = dir / "report.html";
  const ProcessResult r =
      Report({"--format", "html", "--output", page, kSeedDocument});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  const std::string html = ReadFile(page);
  EXPECT_TRUE(absl::StartsWith(html, "<!DOCTYPE html>\n<html lang=\"th\">"));
  // Nothing is fetched or run: no script, no external resource.
  EXPECT_FALSE(absl::StrContains(html, "<script"));
  EXPECT_FALSE(absl::StrContains(html, " src="));
  EXPECT_FALSE(absl::StrContains(html, " href="));
  EXPECT_FALSE(absl::StrContains(html, "@import"));
  EXPECT_TRUE(absl::StrContains(html, "font-family: \"Sarabun\""));
  // The chart: one bar per unit, 600 px for a total of 5 (the axis's end):
  // 4.96 → 595 px, 4.66 → 559 px.
  EXPECT_TRUE(
      absl::StrContains(html, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_EQ(
      std::vector<absl::string_view>(absl::StrSplit(html, "<rect ")).size(),
      7u);
  EXPECT_TRUE(absl::StrContains(html, "width=\"595\" height=\"16\""));
  EXPECT_TRUE(absl::StrContains(html, "width=\"559\" height=\"16\""));
  // The heat map: 4.6250 is in the top band (4.5 and above), 4.0000 in the
  // next.
  EXPECT_TRUE(absl::StrContains(html, "<td class=\"num band5\">4.6250</td>"));
  EXPECT_TRUE(absl::StrContains(html, "<td class=\"num band4\">4.0000</td>"));
  EXPECT_TRUE(absl::StrContains(html, "@media print"));

  const std::string picture = dir / "report.png";
  const ProcessResult shot = RunProcess(
      {"/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
       "--disable-quic", "--no-first-run", "--disable-background-networking",
       "--disable-component-update", "--disable-sync",
       "--user-data-dir=" + (dir / "profile"), "--window-size=1100,1600",
       "--screenshot=" + picture, "file://" + page},
      "", {{"HOME", dir.path()}});
  ASSERT_EQ(shot.exit_status, 0) << shot.err;
  absl::StatusOr<PngImage> image = ReadPng(ReadFile(picture));
  ASSERT_TRUE(image.ok()) << image.status();
  EXPECT_EQ(image->width, 1100);
  EXPECT_EQ(image->height, 1600);
  // Not blank: text in many shades, and the chart's bars in their blue.
  EXPECT_GT(image->DistinctColours(), 50u);
  EXPECT_GT(image->PixelsOtherThan(0xFFFFFF), image->pixels.size() / 50);
  size_t bar_pixels = 0;
  for (uint32_t pixel : image->pixels) bar_pixels += pixel == 0x2B6CB0;
  EXPECT_GT(bar_pixels, 6u * 500 * 14);  // Six bars of about 560 × 16 px.
}

}  // namespace
}  // namespace scorecard::testing
