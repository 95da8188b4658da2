#include "rules/document_reader.h"

#include <cstdio>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rules/utf8.h"
#include "scorecard/v1/scorecard.pb.h"

namespace scorecard::rules {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

const std::string kSeedPath =
    absl::StrCat(SCORECARD_SOURCE_DIR, "/tests/data/led-fy2563-scores.txt");
const std::string kTwoUnitsJsonPath =
    absl::StrCat(SCORECARD_SOURCE_DIR, "/tests/data/documents/two-units.json");

constexpr absl::string_view kTitle =
    "สรุปผลคะแนน ตามคำรับรองการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๓";
constexpr absl::string_view kTotalLabel =
    "คะแนนที่ได้รับตามคำรับรองฯ ประจำปีงบประมาณ พ.ศ. ๒๕๖๓";
constexpr absl::string_view kFinanceDivision = "กองบริหารการคลัง";
constexpr absl::string_view kSatisfaction = "ร้อยละความพึงพอใจของผู้รับบริการ";
constexpr absl::string_view kUnitCost = "ระดับความสำเร็จในการจัดทำต้นทุนต่อหน่วยผลผลิต";

// One small unit block in the published layout, one string per line:
//   1 title, 2 unit header, 3 column header, 4-5 indicators, 6 total.
std::vector<std::string> SmallBlockLines() {
  return {
      std::string(kTitle),
      absl::StrCat("ตัวชี้วัด\t", kFinanceDivision, "\t\t"),
      "\tรายละเอียดตัวชี้วัด\tค่าคะแนนที่ได้\tน้ำหนัก",
      absl::StrCat("๑.๑\t", kSatisfaction, "\t๕.๐๐๐๐\t๑๐"),
      absl::StrCat("๒.๑\t", kUnitCost, "\t๔.๐๐๐๐\t๕"),
      absl::StrCat(kTotalLabel, "\t\t๔.๖๖๖๗\t๑๕"),
  };
}

// Joins `lines`, ending every one (the last too) with `line_end`.
std::string Document(const std::vector<std::string>& lines,
                     absl::string_view line_end = "\n") {
  std::string document;
  for (const std::string& line : lines) {
    absl::StrAppend(&document, line, line_end);
  }
  return document;
}

// The small block read back, as the engine will see it: Thai digits, lines
// 2, 4, 5 and 6 (offset by `first_line - 1`).
void ExpectSmallBlock(const ScorecardDocument& document, int first_line = 1) {
  ASSERT_EQ(document.scorecards.size(), 1u);
  const DocumentScorecard& block = document.scorecards[0];
  const scorecard::v1::Scorecard& card = block.scorecard;
  const int offset = first_line - 1;
  EXPECT_EQ(card.unit(), kFinanceDivision);
  EXPECT_EQ(card.line(), 2 + offset);
  EXPECT_EQ(card.rule_set(), "");
  ASSERT_EQ(card.entries_size(), 2);
  EXPECT_EQ(card.entries(0).indicator(), "๑.๑");
  EXPECT_EQ(card.entries(0).title(), kSatisfaction);
  EXPECT_EQ(card.entries(0).score(), "๕.๐๐๐๐");
  EXPECT_EQ(card.entries(0).weight(), "๑๐");
  EXPECT_EQ(card.entries(0).line(), 4 + offset);
  EXPECT_EQ(card.entries(1).indicator(), "๒.๑");
  EXPECT_EQ(card.entries(1).title(), kUnitCost);
  EXPECT_EQ(card.entries(1).score(), "๔.๐๐๐๐");
  EXPECT_EQ(card.entries(1).weight(), "๕");
  EXPECT_EQ(card.entries(1).line(), 5 + offset);
  EXPECT_EQ(card.declared_total(), "๔.๖๖๖๗");
  EXPECT_EQ(card.declared_weight_total(), "๑๕");
  EXPECT_EQ(card.declared_total_line(), 6 + offset);
  EXPECT_EQ(block.fiscal_year, 2563);
  EXPECT_EQ(block.index, 0);
  EXPECT_EQ(document.fiscal_year, 2563);
}

// Returns the error message of `document` (absl::string_view is not
// std::string_view in this Abseil, and gMock's string matchers want the
// latter or std::string).
std::string Message(const absl::StatusOr<ScorecardDocument>& document) {
  return std::string(document.status().message());
}

// Returns the unit names of `document`, in order.
std::vector<std::string> Units(const ScorecardDocument& document) {
  std::vector<std::string> units;
  for (const DocumentScorecard& block : document.scorecards) {
    units.push_back(block.scorecard.unit());
  }
  return units;
}

// ---------------------------------------------------------------------------
// The published LED document, fiscal year 2563.

TEST(ReadSeedDocument, HasSixUnitsInDocumentOrder) {
  absl::StatusOr<ScorecardDocument> document = ReadScorecardFile(kSeedPath);
  ASSERT_TRUE(document.ok()) << document.status();
  EXPECT_EQ(document->source, kSeedPath);
  EXPECT_THAT(
      Units(*document),
      ElementsAre("สำนักงานเลขานุการกรม",
                  "กองพัฒนาระบบการบังคับคดีและประเมินราคาทรัพย์สิน",
                  "กองบริหารทรัพยากรบุคคล", "กองติดตามและเฉลี่ยทรัพย์สินในคดีล้มละลาย",
                  "กองบริหารการคลัง", "ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร"));
  std::vector<int> indexes;
  std::vector<int> lines;
  for (const DocumentScorecard& block : document->scorecards) {
    indexes.push_back(block.index);
    lines.push_back(block.scorecard.line());
  }
  EXPECT_THAT(indexes, ElementsAre(0, 1, 2, 3, 4, 5));
  EXPECT_THAT(lines, ElementsAre(5, 32, 54, 78, 101, 125));
}

TEST(ReadSeedDocument, CountsEveryIndicatorRow) {
  absl::StatusOr<ScorecardDocument> document = ReadScorecardFile(kSeedPath);
  ASSERT_TRUE(document.ok()) << document.status();
  std::vector<int> counts;
  for (const DocumentScorecard& block : document->scorecards) {
    counts.push_back(block.scorecard.entries_size());
  }
  EXPECT_THAT(counts, ElementsAre(21, 16, 18, 17, 18, 17));
}

TEST(ReadSeedDocument, FirstEntryKeepsTheSubmittedText) {
  absl::StatusOr<ScorecardDocument> document = ReadScorecardFile(kSeedPath);
  ASSERT_TRUE(document.ok()) << document.status();
  const scorecard::v1::Entry& entry =
      document->scorecards[0].scorecard.entries(0);
  EXPECT_EQ(entry.indicator(), "๑.๑");
  EXPECT_EQ(entry.title(), kSatisfaction);
  EXPECT_EQ(entry.score(), "๕.๐๐๐๐");
  EXPECT_EQ(entry.weight(), "๑๐");
  EXPECT_EQ(entry.line(), 7);
}

TEST(ReadSeedDocument, ReadsDeclaredTotalsAndTheirLines) {
  absl::StatusOr<ScorecardDocument> document = ReadScorecardFile(kSeedPath);
  ASSERT_TRUE(document.ok()) << document.status();
  std::vector<std::string> totals;
  std::vector<std::string> weight_totals;
  std::vector<int> lines;
  for (const DocumentScorecard& block : document->scorecards) {
    totals.push_back(block.scorecard.declared_total());
    weight_totals.push_back(block.scorecard.declared_weight_total());
    lines.push_back(block.scorecard.declared_total_line());
  }
  EXPECT_THAT(totals, ElementsAre("๔.๙๖๐๐", "๔.๙๖๐๐", "๔.๖๖๐๐", "๔.๘๖๐๐",
                                  "๔.๙๑๐๐", "๔.๙๔๐๐"));
  EXPECT_THAT(weight_totals,
              ElementsAre("๑๐๐", "๑๐๐", "๑๐๐", "๑๐๐", "๑๐๐", "๑๐๐"));
  EXPECT_THAT(lines, ElementsAre(28, 50, 74, 97, 121, 144));
}

TEST(ReadSeedDocument, ReadsFiscalYearFromEachTitle) {
  absl::StatusOr<ScorecardDocument> document = ReadScorecardFile(kSeedPath);
  ASSERT_TRUE(document.ok()) << document.status();
  EXPECT_EQ(document->fiscal_year, 2563);
  for (const DocumentScorecard& block : document->scorecards) {
    EXPECT_EQ(block.fiscal_year, 2563) << block.scorecard.unit();
  }
}

TEST(ReadSeedDocument, ReadsTheLastRowWithoutATrailingNewline) {
  absl::StatusOr<ScorecardDocument> document = ReadScorecardFile(kSeedPath);
  ASSERT_TRUE(document.ok()) << document.status();
  const scorecard::v1::Scorecard& last = document->scorecards.back().scorecard;
  const scorecard::v1::Entry& entry = last.entries(last.entries_size() - 1);
  EXPECT_EQ(entry.indicator(), "๗.๒");
  EXPECT_EQ(entry.line(), 143);
  EXPECT_EQ(last.declared_weight_total(), "๑๐๐");
}

TEST(ReadSeedDocument, KeepsTitlesWithStrayCharactersAsWritten) {
  absl::StatusOr<ScorecardDocument> document = ReadScorecardFile(kSeedPath);
  ASSERT_TRUE(document.ok()) << document.status();
  // Line 138: "๔.๖<TAB>๖ ร้อยละความสำเร็จ..." (a stray "๖ " from the PDF).
  const scorecard::v1::Entry& entry =
      document->scorecards[5].scorecard.entries(11);
  EXPECT_EQ(entry.line(), 138);
  EXPECT_EQ(entry.indicator(), "๔.๖");
  EXPECT_THAT(entry.title(), StartsWith("๖ ร้อยละความสำเร็จ"));
}

// ---------------------------------------------------------------------------
// Quirks of copies out of PDFs, one at a time.

TEST(ReadPublishedDocument, ReadsThePlainSmallBlock) {
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(Document(SmallBlockLines()), "small.txt");
  ASSERT_TRUE(document.ok()) << document.status();
  EXPECT_EQ(document->source, "small.txt");
  ExpectSmallBlock(*document);
}

TEST(ReadPublishedDocument, StripsAByteOrderMark) {
  absl::StatusOr<ScorecardDocument> document = ReadScorecardDocument(
      absl::StrCat("\xEF\xBB\xBF", Document(SmallBlockLines())), "bom.txt");
  ASSERT_TRUE(document.ok()) << document.status();
  ExpectSmallBlock(*document);
}

TEST(ReadPublishedDocument, AcceptsCrlfLineEnds) {
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(Document(SmallBlockLines(), "\r\n"), "crlf.txt");
  ASSERT_TRUE(document.ok()) << document.status();
  ExpectSmallBlock(*document);
}

TEST(ReadPublishedDocument, AcceptsCrLineEnds) {
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(Document(SmallBlockLines(), "\r"), "cr.txt");
  ASSERT_TRUE(document.ok()) << document.status();
  ExpectSmallBlock(*document);
}

TEST(ReadPublishedDocument, CountsEveryBlankLineWhenNumberingLines) {
  std::vector<std::string> lines = SmallBlockLines();
  lines.insert(lines.begin(), {"", "", ""});
  lines.insert(lines.begin() + 5, "");  // Between unit header and columns.
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(Document(lines, "\r\n"), "blank.txt");
  ASSERT_TRUE(document.ok()) << document.status();
  const scorecard::v1::Scorecard& card = document->scorecards[0].scorecard;
  EXPECT_EQ(card.line(), 5);
  EXPECT_EQ(card.entries(0).line(), 8);
  EXPECT_EQ(card.entries(1).line(), 9);
  EXPECT_EQ(card.declared_total_line(), 10);
}

TEST(ReadPublishedDocument, TrimsStraySpacesAroundCells) {
  std::vector<std::string> lines = {
      absl::StrCat("  ", kTitle, "  "),
      absl::StrCat(" ตัวชี้วัด \t  ", kFinanceDivision, " \t \t"),
      " \t รายละเอียดตัวชี้วัด \tค่าคะแนนที่ได้ \t น้ำหนัก ",
      absl::StrCat(" ๑.๑ \t ", kSatisfaction, " \t ๕.๐๐๐๐ \t  ๑๐  "),
      absl::StrCat("๒.๑\t", kUnitCost, "   \t๔.๐๐๐๐ \t ๕"),
      absl::StrCat(" ", kTotalLabel, " \t \t ๔.๖๖๖๗ \t ๑๕ "),
  };
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(Document(lines), "spaces.txt");
  ASSERT_TRUE(document.ok()) << document.status();
  ExpectSmallBlock(*document);
}

TEST(ReadPublishedDocument, TrimsNoBreakAndZeroWidthSpaces) {
  constexpr absl::string_view kNoBreakSpace = "\xC2\xA0";        // U+00A0
  constexpr absl::string_view kZeroWidthSpace = "\xE2\x80\x8B";  // U+200B
  std::vector<std::string> lines = SmallBlockLines();
  lines[3] = absl::StrCat(kZeroWidthSpace, "๑.๑", kNoBreakSpace, "\t",
                          kSatisfaction, kZeroWidthSpace, "\t", kNoBreakSpace,
                          "๕.๐๐๐๐", kNoBreakSpace, "\t๑๐", kZeroWidthSpace);
  lines[5] = absl::StrCat(kTotalLabel, "\t", kNoBreakSpace, "\t",
                          kZeroWidthSpace, "๔.๖๖๖๗\t๑๕", kNoBreakSpace);
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(Document(lines), "nbsp.txt");
  ASSERT_TRUE(document.ok()) << document.status();
  ExpectSmallBlock(*document);
}

TEST(ReadPublishedDocument, IgnoresTrailingTabs) {
  std::vector<std::string> lines = SmallBlockLines();
  for (std::string& line : lines) absl::StrAppend(&line, "\t\t\t");
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(Document(lines), "tabs.txt");
  ASSERT_TRUE(document.ok()) << document.status();
  ExpectSmallBlock(*document);
}

TEST(ReadPublishedDocument, KnowsColumnNamesHoweverMuchWhiteSpaceTheyHold) {
  // Score before title, each name broken by runs of spaces (ASCII, no-break,
  // zero-width) far longer than the name, and น้ำหนัก with its SARA AM
  // written as NIKHAHIT + SARA AA, as PDF copies do.
  const std::string gap = absl::StrCat(std::string(120, ' '), "\u00A0\u200B");
  std::vector<std::string> lines = SmallBlockLines();
  lines[2] = absl::StrCat("\tค่า", gap, "คะแนน", gap, "ที่ได้\tราย", gap,
                          "ละเอียด", gap, "ตัวชี้วัด\tน้\u0E4D\u0E32", gap,
                          "หนัก");
  lines[3] = absl::StrCat("๑.๑\t๕.๐๐๐๐\t", kSatisfaction, "\t๑๐");
  lines[4] = absl::StrCat("๒.๑\t๔.๐๐๐๐\t", kUnitCost, "\t๕");
  const absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(Document(lines), "spaced.txt");
  ASSERT_TRUE(document.ok()) << document.status();
  ExpectSmallBlock(*document);
}

TEST(ReadPublishedDocument, KeepsAsciiDigitsAsWritten) {
  const std::vector<std::string> lines = {
      "สรุปผลคะแนน ตามคำรับรองการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. 2563",
      absl::StrCat("ตัวชี้วัด\t", kFinanceDivision),
      absl::StrCat("1.1\t", kSatisfaction, "\t5.0000\t10"),
      absl::StrCat("๒.1\t", kUnitCost, "\t4.๐๐๐๐\t5"),
      absl::StrCat(kTotalLabel, "\t\t4.6667\t15"),
  };
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(Document(lines), "ascii.txt");
  ASSERT_TRUE(document.ok()) << document.status();
  const scorecard::v1::Scorecard& card = document->scorecards[0].scorecard;
  ASSERT_EQ(card.entries_size(), 2);
  EXPECT_EQ(card.entries(0).indicator(), "1.1");
  EXPECT_EQ(card.entries(0).score(), "5.0000");
  EXPECT_EQ(card.entries(0).weight(), "10");
  EXPECT_EQ(card.entries(1).indicator(), "๒.1");
  EXPECT_EQ(card.entries(1).score(), "4.๐๐๐๐");
  EXPECT_EQ(card.declared_total(), "4.6667");
  EXPECT_EQ(card.declared_weight_total(), "15");
  EXPECT_EQ(document->fiscal_year, 2563);
}

TEST(ReadPublishedDocument, PassesBadNumbersThroughForTheEngine) {
  std::vector<std::string> lines = SmallBlockLines();
  lines[3] = absl::StrCat("๑.๑\t", kSatisfaction, "\t๕.๐o๐๐\t๑o");
  lines[5] = absl::StrCat(kTotalLabel, "\t\t๔.๖๖x๗\t๑๕");
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(Document(lines), "bad-number.txt");
  ASSERT_TRUE(document.ok()) << document.status();
  const scorecard::v1::Scorecard& card = document->scorecards[0].scorecard;
  EXPECT_EQ(card.entries(0).score(), "๕.๐o๐๐");
  EXPECT_EQ(card.entries(0).weight(), "๑o");
  EXPECT_EQ(card.entries(0).line(), 4);
  EXPECT_EQ(card.declared_total(), "๔.๖๖x๗");
  EXPECT_EQ(card.declared_weight_total(), "๑๕");
}

TEST(ReadPublishedDocument, LeavesMissingCellsEmpty) {
  std::vector<std::string> lines = SmallBlockLines();
  lines[3] = "๑.๑";                          // Number only.
  lines[4] = absl::StrCat("๒.๑\t\t๔.๐๐๐๐");  // No title, no weight.
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(Document(lines), "gaps.txt");
  ASSERT_TRUE(document.ok()) << document.status();
  const scorecard::v1::Scorecard& card = document->scorecards[0].scorecard;
  ASSERT_EQ(card.entries_size(), 2);
  EXPECT_EQ(card.entries(0).indicator(), "๑.๑");
  EXPECT_EQ(card.entries(0).title(), "");
  EXPECT_EQ(card.entries(0).score(), "");
  EXPECT_EQ(card.entries(1).title(), "");
  EXPECT_EQ(card.entries(1).score(), "๔.๐๐๐๐");
  EXPECT_EQ(card.entries(1).weight(), "");
}

TEST(ReadPublishedDocument, AcceptsABlockWithoutTotalRow) {
  std::vector<std::string> lines = SmallBlockLines();
  lines.pop_back();  // The total row.
  std::vector<std::string> second = SmallBlockLines();
  second[1] = "ตัวชี้วัด\tกองบริหารทรัพยากรบุคคล";
  lines.push_back("");
  lines.insert(lines.end(), second.begin(), second.end());
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(Document(lines), "no-total.txt");
  ASSERT_TRUE(document.ok()) << document.status();
  ASSERT_EQ(document->scorecards.size(), 2u);
  const scorecard::v1::Scorecard& first = document->scorecards[0].scorecard;
  EXPECT_EQ(first.entries_size(), 2);
  EXPECT_EQ(first.declared_total(), "");
  EXPECT_EQ(first.declared_weight_total(), "");
  EXPECT_EQ(first.declared_total_line(), 0);
  const scorecard::v1::Scorecard& next = document->scorecards[1].scorecard;
  EXPECT_EQ(next.unit(), "กองบริหารทรัพยากรบุคคล");
  EXPECT_EQ(next.line(), 8);
  EXPECT_EQ(next.entries_size(), 2);
  EXPECT_EQ(next.declared_total(), "๔.๖๖๖๗");
  EXPECT_EQ(document->scorecards[1].index, 1);
}

TEST(ReadPublishedDocument, AcceptsAMissingTotalRowAtTheEnd) {
  std::vector<std::string> lines = SmallBlockLines();
  lines.pop_back();
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(Document(lines), "no-total-end.txt");
  ASSERT_TRUE(document.ok()) << document.status();
  EXPECT_EQ(document->scorecards[0].scorecard.entries_size(), 2);
  EXPECT_EQ(document->scorecards[0].scorecard.declared_total(), "");
}

TEST(ReadPublishedDocument, ReadsTheLastLineWithoutNewline) {
  std::string content = Document(SmallBlockLines());
  content.pop_back();  // The final "\n".
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(content, "no-newline.txt");
  ASSERT_TRUE(document.ok()) << document.status();
  ExpectSmallBlock(*document);
}

TEST(ReadPublishedDocument, ReadsATitleWithStrayCharacters) {
  std::vector<std::string> lines = SmallBlockLines();
  lines[0] = "สรุปผลคะแนน ตามคำรับรองการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ.๒๕๖๔ ๏ -";
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(Document(lines), "title.txt");
  ASSERT_TRUE(document.ok()) << document.status();
  EXPECT_EQ(document->fiscal_year, 2564);
  EXPECT_EQ(document->scorecards[0].scorecard.entries_size(), 2);
}

TEST(ReadPublishedDocument, TakesFiscalYearFromTheTotalRowWithoutTitle) {
  std::vector<std::string> lines = SmallBlockLines();
  lines.erase(lines.begin());  // The title.
  lines.back() = "คะแนนที่ได้รับตามคำรับรองฯ ประจำปีงบประมาณ พ.ศ. ๒๕๖๒\t\t๔.๖๖๖๗\t๑๕";
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(Document(lines), "no-title.txt");
  ASSERT_TRUE(document.ok()) << document.status();
  EXPECT_EQ(document->scorecards[0].fiscal_year, 2562);
  EXPECT_EQ(document->fiscal_year, 2562);
  EXPECT_EQ(document->scorecards[0].scorecard.declared_total(), "๔.๖๖๖๗");
}

TEST(ReadPublishedDocument, LeavesFiscalYearZeroWhenNoneIsWritten) {
  const std::vector<std::string> lines = {
      "สรุปผลคะแนน",
      absl::StrCat("ตัวชี้วัด\t", kFinanceDivision),
      absl::StrCat("๑.๑\t", kSatisfaction, "\t๕.๐๐๐๐\t๑๐"),
      "คะแนนรวม\t\t๕.๐๐๐๐\t๑๐",
  };
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(Document(lines), "no-year.txt");
  ASSERT_TRUE(document.ok()) << document.status();
  EXPECT_EQ(document->fiscal_year, 0);
  EXPECT_EQ(document->scorecards[0].fiscal_year, 0);
  // "รวม" marks a total row too.
  EXPECT_EQ(document->scorecards[0].scorecard.declared_total(), "๕.๐๐๐๐");
  EXPECT_EQ(document->scorecards[0].scorecard.declared_total_line(), 4);
}

TEST(ReadPublishedDocument, GivesEachBlockItsOwnFiscalYear) {
  std::vector<std::string> lines = SmallBlockLines();
  std::vector<std::string> next = SmallBlockLines();
  absl::StrReplaceAll({{"๒๕๖๓", "๒๕๖๔"}}, &next[0]);
  lines.insert(lines.end(), next.begin(), next.end());
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(Document(lines), "years.txt");
  ASSERT_TRUE(document.ok()) << document.status();
  ASSERT_EQ(document->scorecards.size(), 2u);
  EXPECT_EQ(document->scorecards[0].fiscal_year, 2563);
  EXPECT_EQ(document->scorecards[1].fiscal_year, 2564);
  EXPECT_EQ(document->fiscal_year, 2563);
}

TEST(ReadPublishedDocument, ReadsALabelSplitOverTwoCellsInTheTotalRow) {
  std::vector<std::string> lines = SmallBlockLines();
  lines.back() = "คะแนนที่ได้รับตามคำรับรองฯ\tประจำปีงบประมาณ พ.ศ. ๒๕๖๓\t๔.๖๖๖๗\t๑๕";
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(Document(lines), "split-label.txt");
  ASSERT_TRUE(document.ok()) << document.status();
  EXPECT_EQ(document->scorecards[0].scorecard.declared_total(), "๔.๖๖๖๗");
  EXPECT_EQ(document->scorecards[0].scorecard.declared_weight_total(), "๑๕");
}

// ---------------------------------------------------------------------------
// Errors in the published format.

TEST(ReadDocumentErrors, RejectsEmptyInput) {
  for (absl::string_view content :
       {absl::string_view(""), absl::string_view("\n\r\n \t\n"),
        absl::string_view("\xEF\xBB\xBF")}) {
    absl::StatusOr<ScorecardDocument> document =
        ReadScorecardDocument(content, "empty.txt");
    ASSERT_FALSE(document.ok()) << absl::CEscape(content);
    EXPECT_EQ(document.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(Message(document), "empty.txt: empty document");
  }
}

TEST(ReadDocumentErrors, RejectsBinaryInputNamingTheLine) {
  const std::string content =
      absl::StrCat(kTitle, "\nตัวชี้วัด\tกอง\n", std::string("PK\x03\x04\0\0", 6));
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(content, "scores.xlsx");
  ASSERT_FALSE(document.ok());
  EXPECT_EQ(document.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Message(document), StartsWith("scores.xlsx:3: "));
  EXPECT_THAT(Message(document), HasSubstr("NUL"));
}

TEST(ReadDocumentErrors, RejectsInvalidUtf8NamingTheLine) {
  // Line 2 in TIS-620, the old Thai single-byte encoding.
  const std::string content =
      absl::StrCat(kTitle, "\n\xB5\xD1\xC7\xAA\xD5\xE9\xC7\xD1\xB4\tX\n");
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(content, "tis620.txt");
  ASSERT_FALSE(document.ok());
  EXPECT_EQ(document.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Message(document), StartsWith("tis620.txt:2: "));
  EXPECT_THAT(Message(document), HasSubstr("UTF-8"));
}

TEST(ReadDocumentErrors, RejectsADocumentWithoutUnitBlock) {
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(Document({std::string(kTitle), ""}), "title.txt");
  ASSERT_FALSE(document.ok());
  EXPECT_EQ(document.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Message(document), StartsWith("title.txt: no unit block found"));
}

TEST(ReadDocumentErrors, RejectsAnIndicatorBeforeAnyUnitHeader) {
  std::vector<std::string> lines = SmallBlockLines();
  std::swap(lines[1], lines[3]);  // The first indicator before the header.
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(Document(lines), "order.txt");
  ASSERT_FALSE(document.ok());
  EXPECT_EQ(document.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Message(document),
              StartsWith("order.txt:2: indicator row before any unit header"));
}

TEST(ReadDocumentErrors, RejectsAnIndicatorAfterTheTotalRow) {
  std::vector<std::string> lines = SmallBlockLines();
  lines.push_back(absl::StrCat("๓.๑\tเรื่องร้องเรียน\t๕.๐๐๐๐\t๕"));
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(Document(lines), "late.txt");
  ASSERT_FALSE(document.ok());
  EXPECT_THAT(Message(document),
              StartsWith("late.txt:7: indicator row after the total row"));
}

TEST(ReadDocumentErrors, RejectsAnIndicatorBetweenATitleAndItsUnitHeader) {
  std::vector<std::string> lines = SmallBlockLines();
  lines.pop_back();  // No total row: the next title ends the block.
  lines.push_back(std::string(kTitle));
  lines.push_back(absl::StrCat("๓.๑\tเรื่องร้องเรียน\t๕.๐๐๐๐\t๕"));
  lines.push_back("ตัวชี้วัด\tกองบริหารทรัพยากรบุคคล");
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(Document(lines), "headless.txt");
  ASSERT_FALSE(document.ok());
  EXPECT_THAT(Message(document),
              StartsWith("headless.txt:7: indicator row after the title on "
                         "line 6"));
}

TEST(ReadDocumentErrors, RejectsAStrayRowInsideABlockNamingItsLine) {
  std::vector<std::string> lines = SmallBlockLines();
  // A title wrapped onto its own line, as PDF copies do.
  lines.insert(lines.begin() + 4, "(บุคคลธรรมดา) ที่ลงระบบ");
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(Document(lines), "wrapped.txt");
  ASSERT_FALSE(document.ok());
  EXPECT_EQ(document.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Message(document), StartsWith("wrapped.txt:5: "));
  EXPECT_THAT(Message(document), HasSubstr("(บุคคลธรรมดา) ที่ลงระบบ"));
}

TEST(ReadDocumentErrors, RejectsAStrayRowBeforeTheFirstBlock) {
  std::vector<std::string> lines = SmallBlockLines();
  lines.insert(lines.begin(), "กรมบังคับคดี");
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(Document(lines), "preamble.txt");
  ASSERT_FALSE(document.ok());
  EXPECT_THAT(Message(document), StartsWith("preamble.txt:1: "));
}

TEST(ReadDocumentErrors, RejectsAnExtraCellInAnIndicatorRow) {
  std::vector<std::string> lines = SmallBlockLines();
  lines[4] = absl::StrCat("๒.๑\t", kUnitCost, "\t๔.๐๐๐๐\t๕\t๓");
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(Document(lines), "extra.txt");
  ASSERT_FALSE(document.ok());
  EXPECT_THAT(Message(document), StartsWith("extra.txt:5: "));
  EXPECT_THAT(Message(document), HasSubstr("\"๓\""));
}

TEST(ReadDocumentErrors, RejectsAThirdNumberInTheTotalRow) {
  std::vector<std::string> lines = SmallBlockLines();
  lines[5] = absl::StrCat(kTotalLabel, "\t\t๔.๖๖๖๗\t๑๕\t๓");
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(Document(lines), "total.txt");
  ASSERT_FALSE(document.ok());
  EXPECT_THAT(Message(document), StartsWith("total.txt:6: "));
}

TEST(ReadDocumentErrors, RejectsASecondTotalRow) {
  std::vector<std::string> lines = SmallBlockLines();
  lines.push_back(lines.back());
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(Document(lines), "twice.txt");
  ASSERT_FALSE(document.ok());
  EXPECT_THAT(Message(document), StartsWith("twice.txt:7: a second total row"));
}

TEST(ReadDocumentErrors, RejectsATotalRowBetweenATitleAndItsUnitHeader) {
  std::vector<std::string> lines = SmallBlockLines();
  lines.push_back(std::string(kTitle));
  lines.push_back(lines[5]);  // The total row again, now after a title.
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(Document(lines), "stray-total.txt");
  ASSERT_FALSE(document.ok());
  EXPECT_THAT(Message(document),
              StartsWith("stray-total.txt:8: total row after the title on "
                         "line 7"));
}

TEST(ReadDocumentErrors, RejectsAUnitHeaderWithoutUnitName) {
  std::vector<std::string> lines = SmallBlockLines();
  lines[1] = "ตัวชี้วัด\t\t\t";
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(Document(lines), "anonymous.txt");
  ASSERT_FALSE(document.ok());
  EXPECT_THAT(Message(document), StartsWith("anonymous.txt:2: "));
}

TEST(ReadDocumentErrors, RejectsInputOverTheSizeLimit) {
  const std::string content(kMaxDocumentBytes + 1, '\n');
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(content, "huge.txt");
  ASSERT_FALSE(document.ok());
  EXPECT_EQ(document.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Message(document), StartsWith("huge.txt: larger than"));
}

TEST(ReadDocumentErrors, ReportsAMissingFileAsNotFound) {
  const std::string path =
      absl::StrCat(SCORECARD_SOURCE_DIR, "/tests/data/documents/no-such.txt");
  absl::StatusOr<ScorecardDocument> document = ReadScorecardFile(path);
  ASSERT_FALSE(document.ok());
  EXPECT_EQ(document.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(Message(document), HasSubstr(path));
}

TEST(ReadDocumentErrors, RejectsADirectory) {
  const std::string path = absl::StrCat(SCORECARD_SOURCE_DIR, "/tests/data");
  absl::StatusOr<ScorecardDocument> document = ReadScorecardFile(path);
  ASSERT_FALSE(document.ok());
  EXPECT_EQ(document.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Message(document), StartsWith(path));
}

// ---------------------------------------------------------------------------
// Scorecard JSON.

TEST(ReadJsonDocument, ReadsOneScorecardObject) {
  absl::StatusOr<ScorecardDocument> document = ReadScorecardDocument(
      R"json(
        {"unit": "กองบริหารการคลัง",
         "entries": [{"indicator": "1.1", "title": "t", "score": "5.0000",
                      "weight": "10"}],
         "declaredTotal": "5.0000", "declared_weight_total": "10"})json",
      "one.json");
  ASSERT_TRUE(document.ok()) << document.status();
  ASSERT_EQ(document->scorecards.size(), 1u);
  const scorecard::v1::Scorecard& card = document->scorecards[0].scorecard;
  EXPECT_EQ(card.unit(), kFinanceDivision);
  ASSERT_EQ(card.entries_size(), 1);
  EXPECT_EQ(card.entries(0).indicator(), "1.1");
  EXPECT_EQ(card.entries(0).score(), "5.0000");
  EXPECT_EQ(card.entries(0).weight(), "10");
  EXPECT_EQ(card.entries(0).line(), 0);
  EXPECT_EQ(card.declared_total(), "5.0000");
  EXPECT_EQ(card.declared_weight_total(), "10");
  EXPECT_EQ(document->fiscal_year, 0);
  EXPECT_EQ(document->source, "one.json");
}

TEST(ReadJsonDocument, ReadsTheScorecardsWrapperFromAFile) {
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardFile(kTwoUnitsJsonPath);
  ASSERT_TRUE(document.ok()) << document.status();
  EXPECT_THAT(Units(*document),
              ElementsAre("กองบริหารการคลัง", "ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร"));
  EXPECT_EQ(document->scorecards[1].index, 1);
  const scorecard::v1::Scorecard& first = document->scorecards[0].scorecard;
  ASSERT_EQ(first.entries_size(), 2);
  EXPECT_EQ(first.entries(0).score(), "๕.๐๐๐๐");
  EXPECT_EQ(first.entries(1).indicator(), "2.1");
  EXPECT_EQ(first.declared_total(), "4.6667");
  EXPECT_EQ(first.declared_weight_total(), "15");
  EXPECT_EQ(document->scorecards[1].scorecard.declared_total(), "5.0000");
  EXPECT_EQ(document->fiscal_year, 2563);
  EXPECT_EQ(document->scorecards[1].fiscal_year, 2563);
}

TEST(ReadJsonDocument, AcceptsAByteOrderMarkAndLeadingWhiteSpace) {
  absl::StatusOr<ScorecardDocument> document = ReadScorecardDocument(
      "\xEF\xBB\xBF\r\n  {\"scorecards\": [{\"unit\": \"a\"}, {\"unit\": "
      "\"b\"}]}",
      "bom.json");
  ASSERT_TRUE(document.ok()) << document.status();
  EXPECT_THAT(Units(*document), ElementsAre("a", "b"));
}

TEST(ReadJsonDocument, RejectsMalformedJson) {
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument("{\"unit\": \"a\",", "broken.json");
  ASSERT_FALSE(document.ok());
  EXPECT_EQ(document.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Message(document), StartsWith("broken.json: not valid JSON"));
}

// protobuf's error excerpt (20 bytes either side) once reached the message
// and cut a Thai character in half; the error now says line and column.
TEST(ReadJsonDocument, SyntaxErrorNamesLineAndColumnInValidUtf8) {
  absl::StatusOr<ScorecardDocument> document = ReadScorecardDocument(
      "{\"unit\": \"สำนักงานเลขานุการกรม\"\n \"entries\": []}", "thai.json");
  ASSERT_FALSE(document.ok());
  EXPECT_TRUE(IsValidUtf8(Message(document))) << Message(document);
  EXPECT_EQ(Message(document),
            "thai.json:2:2: not valid JSON: Expected , or } after key:value "
            "pair.");
}

// An unreadable row is quoted boundedly, never cut inside a character.
TEST(ReadDocumentErrors, QuotesALongRowBoundedly) {
  const std::string content =
      absl::StrCat(kTitle, "\nตัวชี้วัด\tกอง\n", std::string(30000, 'x'),
                   "ก\n");
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(content, "long.txt");
  ASSERT_FALSE(document.ok());
  EXPECT_LT(Message(document).size(), 400u);
  EXPECT_TRUE(IsValidUtf8(Message(document)));
}

TEST(ReadJsonDocument, RejectsFieldsAScorecardDoesNotHave) {
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument("{\"unit\": \"a\", \"total\": \"5\"}", "odd.json");
  ASSERT_FALSE(document.ok());
  EXPECT_EQ(document.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Message(document), StartsWith("odd.json: not a"));
  EXPECT_THAT(Message(document), HasSubstr("total"));
}

TEST(ReadJsonDocument, RejectsANumberWhereTheApiWantsDecimalText) {
  absl::StatusOr<ScorecardDocument> document = ReadScorecardDocument(
      R"({"scorecards": [{"unit": "a", "entries": [{"score": 5.0}]}]})",
      "number.json");
  ASSERT_FALSE(document.ok());
  EXPECT_EQ(document.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Message(document), StartsWith("number.json: not a"));
}

TEST(ReadJsonDocument, RejectsABareArrayWithAHint) {
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(R"([{"unit": "a"}])", "array.json");
  ASSERT_FALSE(document.ok());
  EXPECT_EQ(document.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Message(document), StartsWith("array.json: a JSON array"));
  EXPECT_THAT(Message(document), HasSubstr("{\"scorecards\": [...]}"));
}

TEST(ReadJsonDocument, RejectsAnEmptyWrapper) {
  absl::StatusOr<ScorecardDocument> document =
      ReadScorecardDocument(R"({"scorecards": []})", "none.json");
  ASSERT_FALSE(document.ok());
  EXPECT_EQ(document.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Message(document), StartsWith("none.json: no scorecards"));
}

// ---------------------------------------------------------------------------
// Standard input. Last, because it replaces this process's stdin.

TEST(ReadStandardInput, ReadsADashFromStdin) {
  ASSERT_NE(std::freopen(kSeedPath.c_str(), "rb", stdin), nullptr);
  absl::StatusOr<ScorecardDocument> document = ReadScorecardFile("-");
  ASSERT_TRUE(document.ok()) << document.status();
  EXPECT_EQ(document->source, "-");
  EXPECT_EQ(document->scorecards.size(), 6u);
}

// ErrorLine reads back the line the reader's own messages name, as the
// service reports it in an error's details.
TEST(ErrorLine, IsTheLineTheReadersMessageNames) {
  const absl::StatusOr<ScorecardDocument> bad_row = ReadScorecardDocument(
      "ตัวชี้วัด\tกองคลัง\n\tรายละเอียดตัวชี้วัด\tคะแนนที่ได้\tน้ำหนัก\n"
      "what is this\tx\n",
      "a.txt");
  ASSERT_FALSE(bad_row.ok());
  EXPECT_EQ(ErrorLine(bad_row.status().message(), "a.txt"), 3)
      << bad_row.status().message();
  const absl::StatusOr<ScorecardDocument> bad_json =
      ReadScorecardDocument("{\n\n  \"unit\" 1}", "b.json");
  ASSERT_FALSE(bad_json.ok());
  EXPECT_EQ(ErrorLine(bad_json.status().message(), "b.json"), 3)
      << bad_json.status().message();
  const absl::StatusOr<ScorecardDocument> empty =
      ReadScorecardDocument("  \n", "c.txt");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(ErrorLine(empty.status().message(), "c.txt"), 0);
  EXPECT_EQ(ErrorLine("other.txt:3: x", "c.txt"), 0);
  EXPECT_EQ(ErrorLine("c.txt:12x: x", "c.txt"), 0);
}

}  // namespace
}  // namespace scorecard::rules
