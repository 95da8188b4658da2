#include "rules/document_reader.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "google/protobuf/message.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "rules/indicator_id.h"
#include "rules/json_error.h"
#include "rules/status_macros.h"
#include "rules/text_file.h"
#include "rules/thai_text.h"
#include "rules/utf8.h"
#include "scorecard/v1/scorecard.pb.h"

namespace scorecard::rules {
namespace {

using ::scorecard::v1::Scorecard;

// The words that identify the rows of the published format. They are compared
// with white space removed, and none contains SARA AM (ำ), which copies out of
// PDFs often spell as NIKHAHIT + SARA AA.
constexpr absl::string_view kUnitHeaderLabel = "ตัวชี้วัด";
constexpr absl::string_view kTitleWords = "สรุปผลคะแนน";
constexpr absl::string_view kTotalLabelPrefix = "คะแนนที่ได้รับ";
constexpr absl::string_view kTotalWord = "รวม";
// "พ.ศ." (Buddhist era) without its last dot, which copies sometimes lose.
constexpr absl::string_view kBuddhistEraMark = "พ.ศ";

// What a column of an indicator row holds.
enum class Column { kIndicator, kTitle, kResult, kScore, kWeight, kWeighted };

// The names a column header row gives each column, as real documents write
// them; compared with TextKey (white space removed, SARA AM as one
// character). Other columns (หน่วยวัด, the five criteria columns, ...) are
// skipped.
struct ColumnName {
  absl::string_view name;
  Column column;
};
constexpr ColumnName kColumnNames[] = {
    {"ตัวชี้วัดที่", Column::kIndicator},
    {"ตัวชี้วัด", Column::kIndicator},
    {"ลำดับ", Column::kIndicator},
    {"รายละเอียดตัวชี้วัด", Column::kTitle},
    {"ตัวชี้วัดผลการปฏิบัติราชการ", Column::kTitle},
    {"ผลการดำเนินงาน", Column::kResult},
    {"คะแนนที่ได้", Column::kScore},
    {"ค่าคะแนนที่ได้", Column::kScore},
    {"ค่าคะแนนที่ทำได้", Column::kScore},
    {"น้ำหนัก", Column::kWeight},
    {"น้ำหนัก (ร้อยละ)", Column::kWeight},
    {"คะแนนถ่วงน้ำหนัก", Column::kWeighted},
    {"ค่าคะแนนถ่วงน้ำหนัก", Column::kWeighted},
};

// True when TextKey(text) has more than `limit` code points, found without
// building the key: TextKey keeps one code point for each that is not white
// space, except that a SARA AA may fold into the NIKHAHIT before it.
bool KeyLongerThan(absl::string_view text, size_t limit) {
  size_t at_least = 0;
  for (size_t i = 0; i < text.size();) {
    const int32_t c = DecodeUtf8(text, &i);
    if (IsWhiteSpace(c) || c == 0x0E32) continue;
    if (++at_least > limit) return true;
  }
  return false;
}

// Returns the number of code points of UTF-8 `text`.
size_t CodePoints(absl::string_view text) {
  size_t count = 0;
  for (size_t i = 0; i < text.size(); ++count) DecodeUtf8(text, &i);
  return count;
}

// Returns the column `cell` names, if it names one. Every cell of every row
// is asked (a header row can come anywhere), so a long cell (a title, a
// criterion) is turned down before its key is built.
std::optional<Column> ColumnNamed(absl::string_view cell) {
  struct Keys {
    std::vector<std::pair<std::string, Column>> names;
    size_t longest = 0;  // In code points.
  };
  static const Keys* const keys = [] {
    auto* keys = new Keys;
    for (const ColumnName& known : kColumnNames) {
      std::string key = TextKey(known.name);
      keys->longest = std::max(keys->longest, CodePoints(key));
      keys->names.emplace_back(std::move(key), known.column);
    }
    return keys;
  }();
  if (cell.empty() || KeyLongerThan(cell, keys->longest)) return std::nullopt;
  const std::string key = TextKey(cell);
  for (const auto& [known, column] : keys->names) {
    if (key == known) return column;
  }
  return std::nullopt;
}

// Where each column of an indicator row is, by cell index.
struct ColumnLayout {
  int indicator = 0;
  int title = 1;
  int result = -1;  // -1: the document has no such column.
  int score = 2;
  int weight = 3;
  int weighted = -1;
  // How many cells a row may have: the header's width; the layout without a
  // header (number, title, score, weight) has four.
  size_t width = 4;
  bool from_header = false;

  std::optional<Column> At(size_t cell) const {
    const int i = static_cast<int>(cell);
    if (i == indicator) return Column::kIndicator;
    if (i == title) return Column::kTitle;
    if (i == result) return Column::kResult;
    if (i == score) return Column::kScore;
    if (i == weight) return Column::kWeight;
    if (i == weighted) return Column::kWeighted;
    return std::nullopt;
  }
};

// Returns the layout a column header row gives, when it is one: it names a
// title, result, score or weighted-score column. The indicator column may
// be named or, as in the published summaries, left empty in the first cell
// (its name is on the unit header row above).
std::optional<ColumnLayout> LayoutOfHeader(
    const std::vector<absl::string_view>& cells) {
  ColumnLayout layout;
  layout.indicator = layout.title = layout.result = layout.score =
      layout.weight = layout.weighted = -1;
  bool names_a_value_column = false;
  for (size_t i = 0; i < cells.size(); ++i) {
    const std::optional<Column> column = ColumnNamed(cells[i]);
    if (!column.has_value()) continue;
    int* slot = nullptr;
    switch (*column) {
      case Column::kIndicator: slot = &layout.indicator; break;
      case Column::kTitle: slot = &layout.title; break;
      case Column::kResult: slot = &layout.result; break;
      case Column::kScore: slot = &layout.score; break;
      case Column::kWeight: slot = &layout.weight; break;
      case Column::kWeighted: slot = &layout.weighted; break;
    }
    if (*slot >= 0) continue;  // The first column of a kind counts.
    *slot = static_cast<int>(i);
    names_a_value_column |= *column != Column::kIndicator;
  }
  if (!names_a_value_column || (layout.title < 0 && layout.score < 0 &&
                                 layout.result < 0 && layout.weighted < 0)) {
    return std::nullopt;
  }
  if (layout.indicator < 0) {
    if (!cells[0].empty()) return std::nullopt;
    layout.indicator = 0;
  }
  layout.width = cells.size();
  layout.from_header = true;
  return layout;
}
// A total row holds at most two numbers: the total and the weight total.
constexpr int kTotalRowNumbers = 2;

// ---------------------------------------------------------------------------
// Errors.

absl::Status DocumentError(absl::string_view source,
                           absl::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat(source, ": ", message));
}

absl::Status LineError(absl::string_view source, int line,
                       absl::string_view message) {
  return absl::InvalidArgumentError(
      absl::StrCat(source, ":", line, ": ", message));
}

// ---------------------------------------------------------------------------
// Lines and cells.

struct DocumentLine {
  absl::string_view text;  // Without its line end.
  int number = 0;          // 1-based.
};

// Splits `content` at LF, CRLF and lone CR. A line end at the very end does
// not start another line.
std::vector<DocumentLine> SplitLines(absl::string_view content) {
  std::vector<DocumentLine> lines;
  int number = 1;
  size_t start = 0;
  for (size_t i = 0; i < content.size(); ++i) {
    const char c = content[i];
    if (c != '\n' && c != '\r') continue;
    lines.push_back({content.substr(start, i - start), number++});
    if (c == '\r' && i + 1 < content.size() && content[i + 1] == '\n') ++i;
    start = i + 1;
  }
  if (start < content.size()) {
    lines.push_back({content.substr(start), number});
  }
  return lines;
}

// Splits a row at tabs and trims every cell. Trailing empty cells (trailing
// tabs) are dropped, so a blank row has no cells.
std::vector<absl::string_view> SplitCells(absl::string_view text) {
  std::vector<absl::string_view> cells = absl::StrSplit(text, '\t');
  for (absl::string_view& cell : cells) cell = StripWhiteSpace(cell);
  while (!cells.empty() && cells.back().empty()) cells.pop_back();
  return cells;
}

// Returns the cell with white space removed and Thai digits read as ASCII,
// the form in which cells are recognised (never the form they are kept in).
std::string CellKey(absl::string_view cell) { return IndicatorKey(cell); }

// True for "๑.๑", "2.3", "๗": digits (Thai or ASCII) and dots, starting with
// a digit. Whether the number is a real indicator is the engine's question.
bool LooksLikeIndicator(absl::string_view cell) {
  const std::string key = CellKey(cell);
  if (key.empty() || !absl::ascii_isdigit(key.front())) return false;
  for (char c : key) {
    if (!absl::ascii_isdigit(c) && c != '.') return false;
  }
  return true;
}

// True when the cell starts the way a number does (a digit, sign or point),
// so "๔.๙o๐๐" is a (bad) number for the engine to report, while a label such
// as "ประจำปีงบประมาณ พ.ศ. ๒๕๖๓" is not.
bool LooksLikeNumber(absl::string_view cell) {
  const std::string key = CellKey(cell);
  if (key.empty()) return false;
  const char c = key.front();
  return absl::ascii_isdigit(c) || c == '+' || c == '-' || c == '.';
}

// Returns the Buddhist-era year written after "พ.ศ." in `text` (four digits,
// Thai or ASCII, white space allowed), or 0 when there is none.
int FindFiscalYear(absl::string_view text) {
  const std::string key_text = CellKey(text);
  const absl::string_view key = key_text;
  for (size_t at = key.find(kBuddhistEraMark); at != absl::string_view::npos;
       at = key.find(kBuddhistEraMark, at + 1)) {
    size_t start = at + kBuddhistEraMark.size();
    if (start < key.size() && key[start] == '.') ++start;
    size_t end = start;
    while (end < key.size() && absl::ascii_isdigit(key[end])) ++end;
    int year = 0;
    if (end - start == 4 && absl::SimpleAtoi(key.substr(start, 4), &year)) {
      return year;
    }
  }
  return 0;
}

// ---------------------------------------------------------------------------
// Rows of the published format.

enum class RowKind {
  kBlank,
  // สรุปผลคะแนน ... พ.ศ. ๒๕๖๓
  kTitle,
  // ตัวชี้วัด<TAB>unit name
  kUnitHeader,
  // <TAB>รายละเอียดตัวชี้วัด<TAB>score column name<TAB>น้ำหนัก
  kColumnHeader,
  // ๑.๑<TAB>title<TAB>score<TAB>weight
  kIndicator,
  // คะแนนที่ได้รับ...<TAB><TAB>total<TAB>weight total, or a label with รวม
  kTotal,
  // Anything else: an error.
  kUnknown,
};

// Returns what kind of row `cells` (trimmed, no trailing empty cells) is.

RowKind ClassifyRow(const std::vector<absl::string_view>& cells,
                    const ColumnLayout& layout) {
  if (cells.empty()) return RowKind::kBlank;
  const std::string first = RemoveWhiteSpace(cells[0]);
  // Some copies keep "ตัวชี้วัด" above the column header as well.
  if (LayoutOfHeader(cells).has_value()) return RowKind::kColumnHeader;
  if (first == kUnitHeaderLabel) return RowKind::kUnitHeader;
  if (static_cast<size_t>(layout.indicator) < cells.size() &&
      LooksLikeIndicator(cells[layout.indicator])) {
    return RowKind::kIndicator;
  }
  const bool title_words = absl::StrContains(first, kTitleWords);
  if (!title_words && (absl::StartsWith(first, kTotalLabelPrefix) ||
                       absl::StrContains(first, kTotalWord))) {
    return RowKind::kTotal;
  }
  // A title stands alone on its row (possibly after empty cells).
  absl::string_view only_cell;
  int filled = 0;
  for (absl::string_view cell : cells) {
    if (cell.empty()) continue;
    only_cell = cell;
    ++filled;
  }
  if (filled == 1 &&
      (absl::StrContains(RemoveWhiteSpace(only_cell), kTitleWords) ||
       FindFiscalYear(only_cell) != 0)) {
    return RowKind::kTitle;
  }
  return RowKind::kUnknown;
}

// Reads the published format one line at a time, keeping the open unit
// block. Not thread-safe; one reader per document.
class PublishedDocumentReader final {
 public:
  explicit PublishedDocumentReader(absl::string_view source)
      : source_(source) {}

  absl::Status ReadLine(const DocumentLine& line) {
    const std::vector<absl::string_view> cells = SplitCells(line.text);
    switch (ClassifyRow(cells, layout_)) {
      case RowKind::kBlank:
        return absl::OkStatus();
      case RowKind::kColumnHeader:
        layout_ = *LayoutOfHeader(cells);
        return absl::OkStatus();
      case RowKind::kTitle:
        return ReadTitle(cells, line.number);
      case RowKind::kUnitHeader:
        return ReadUnitHeader(cells, line.number);
      case RowKind::kIndicator:
        return ReadIndicator(cells, line.number);
      case RowKind::kTotal:
        return ReadTotal(cells, line.number);
      case RowKind::kUnknown:
        break;
    }
    return LineError(
        source_, line.number,
        absl::StrCat("row is not a title, unit header (ตัวชี้วัด<TAB>unit), "
                     "column header, indicator or total row: \"",
                     QuoteText(absl::StrJoin(cells, " | ")),
                     "\""));
  }

  // Returns the scorecards read, or an error when there are none.
  absl::StatusOr<std::vector<DocumentScorecard>> Finish() && {
    if (scorecards_.empty()) {
      return DocumentError(
          source_,
          "no unit block found: expected a row \"ตัวชี้วัด<TAB>unit name\"");
    }
    return std::move(scorecards_);
  }

 private:
  // Why no block is open.
  enum class Closed { kNoBlockYet, kByTotal, kByTitle };

  absl::Status ReadTitle(const std::vector<absl::string_view>& cells,
                         int line) {
    // A title belongs to the block after it: it ends the open one, and rows
    // after it wait for its unit header.
    if (block_open_ || closed_ != Closed::kNoBlockYet) {
      block_open_ = false;
      closed_ = Closed::kByTitle;
      closed_line_ = line;
    }
    for (absl::string_view cell : cells) {
      if (const int year = FindFiscalYear(cell); year != 0) {
        pending_fiscal_year_ = year;
      }
    }
    return absl::OkStatus();
  }

  absl::Status ReadUnitHeader(const std::vector<absl::string_view>& cells,
                              int line) {
    if (cells.size() < 2 || cells[1].empty()) {
      return LineError(source_, line,
                       "unit header \"ตัวชี้วัด\" without a unit name in "
                       "its second cell");
    }
    DocumentScorecard& block = scorecards_.emplace_back();
    block.index = static_cast<int>(scorecards_.size()) - 1;
    block.fiscal_year = pending_fiscal_year_;
    block.scorecard.set_unit(std::string(cells[1]));
    block.scorecard.set_line(line);
    pending_fiscal_year_ = 0;
    block_open_ = true;
    return absl::OkStatus();
  }

  absl::Status ReadIndicator(const std::vector<absl::string_view>& cells,
                             int line) {
    if (!block_open_) {
      return LineError(source_, line,
                       absl::StrCat("indicator row ", OutsideBlock()));
    }
    if (cells.size() > layout_.width) {
      return LineError(
          source_, line,
          layout_.from_header
              ? absl::StrCat("indicator row has ", cells.size(),
                             " cells; its column header has ", layout_.width,
                             ": extra \"", QuoteText(cells[layout_.width]),
                             "\"")
              : absl::StrCat("indicator row has ", cells.size(),
                             " cells; expected at most ", layout_.width,
                             " (indicator, title, score, weight): extra \"",
                             QuoteText(cells[layout_.width]), "\""));
    }
    auto cell = [&cells](int i) {
      return i >= 0 && static_cast<size_t>(i) < cells.size()
                 ? std::string(cells[i])
                 : std::string();
    };
    scorecard::v1::Entry* entry = OpenBlock().scorecard.add_entries();
    entry->set_indicator(cell(layout_.indicator));
    entry->set_title(cell(layout_.title));
    entry->set_result(cell(layout_.result));
    entry->set_score(cell(layout_.score));
    entry->set_weight(cell(layout_.weight));
    entry->set_weighted_score(cell(layout_.weighted));
    entry->set_line(line);
    return absl::OkStatus();
  }

  absl::Status ReadTotal(const std::vector<absl::string_view>& cells,
                         int line) {
    if (!block_open_) {
      if (closed_ == Closed::kByTotal) {
        return LineError(
            source_, line,
            absl::StrCat("a second total row for unit \"",
                         scorecards_.back().scorecard.unit(),
                         "\" (its total row is line ", closed_line_, ")"));
      }
      return LineError(source_, line,
                       absl::StrCat("total row ", OutsideBlock()));
    }
    DocumentScorecard& block = OpenBlock();
    for (absl::string_view cell : cells) {
      if (!cell.empty() && !LooksLikeNumber(cell) && block.fiscal_year == 0) {
        block.fiscal_year = FindFiscalYear(cell);
      }
    }
    TotalNumbers numbers;
    if (!ReadTotalByColumn(cells, &numbers)) {
      SCORECARD_RETURN_IF_ERROR(ReadTotalInOrder(cells, line, &numbers));
    }
    if (!numbers.total.empty()) {
      block.scorecard.set_declared_total(std::string(numbers.total));
      block.scorecard.set_declared_total_line(line);
    }
    if (!numbers.weight_total.empty()) {
      block.scorecard.set_declared_weight_total(
          std::string(numbers.weight_total));
    }
    CloseBlock(Closed::kByTotal, line);
    return absl::OkStatus();
  }

  // The numbers of a total row.
  struct TotalNumbers {
    absl::string_view total;
    absl::string_view weight_total;
  };

  // Reads a total row whose numbers stand in the columns a column header
  // named: the score (or else the weighted-score) column holds the total,
  // the weight column the weight total. Returns false, reading nothing, when
  // there is no such header or a number stands in another column.
  bool ReadTotalByColumn(const std::vector<absl::string_view>& cells,
                         TotalNumbers* numbers) const {
    if (!layout_.from_header) return false;
    TotalNumbers read;
    absl::string_view weighted;
    for (size_t i = 0; i < cells.size(); ++i) {
      if (cells[i].empty() || !LooksLikeNumber(cells[i])) continue;
      const std::optional<Column> column = layout_.At(i);
      if (column == Column::kScore) {
        read.total = cells[i];
      } else if (column == Column::kWeighted) {
        weighted = cells[i];
      } else if (column == Column::kWeight) {
        read.weight_total = cells[i];
      } else {
        return false;
      }
    }
    if (read.total.empty()) read.total = weighted;
    *numbers = read;
    return true;
  }

  // Reads a total row as the published summaries write it: a label (which
  // may spill over into the next cells), then the total and the weight
  // total.
  absl::Status ReadTotalInOrder(const std::vector<absl::string_view>& cells,
                                int line, TotalNumbers* numbers) const {
    std::vector<absl::string_view> found;
    for (absl::string_view cell : cells) {
      if (cell.empty()) continue;
      if (found.empty() && !LooksLikeNumber(cell)) continue;  // The label.
      if (!LooksLikeNumber(cell) || found.size() == kTotalRowNumbers) {
        return LineError(
            source_, line,
            absl::StrCat("total row has \"", QuoteText(cell),
                         "\" after its numbers; expected only the total and "
                         "the weight total"));
      }
      found.push_back(cell);
    }
    if (!found.empty()) numbers->total = found[0];
    if (found.size() > 1) numbers->weight_total = found[1];
    return absl::OkStatus();
  }

  DocumentScorecard& OpenBlock() { return scorecards_.back(); }

  void CloseBlock(Closed why, int line) {
    if (!block_open_) return;
    block_open_ = false;
    closed_ = why;
    closed_line_ = line;
  }

  // Completes "<kind of row> ..." when no block is open.
  std::string OutsideBlock() const {
    switch (closed_) {
      case Closed::kNoBlockYet:
        return "before any unit header (ตัวชี้วัด<TAB>unit name)";
      case Closed::kByTotal:
        return absl::StrCat("after the total row of unit \"",
                            scorecards_.back().scorecard.unit(), "\" (line ",
                            closed_line_, ") and before the next unit header");
      case Closed::kByTitle:
        return absl::StrCat("after the title on line ", closed_line_,
                            " and before its unit header");
    }
    return "outside a unit block";
  }

  const absl::string_view source_;
  std::vector<DocumentScorecard> scorecards_;
  // True while scorecards_.back() takes indicator and total rows.
  bool block_open_ = false;
  Closed closed_ = Closed::kNoBlockYet;
  int closed_line_ = 0;
  // The year of the title lines read since the last unit header.
  int pending_fiscal_year_ = 0;
  // Where the columns are: from the last column header row, else the
  // published summaries' number, title, score, weight.
  ColumnLayout layout_;
};

absl::StatusOr<ScorecardDocument> ReadPublishedDocument(
    absl::string_view content, absl::string_view source) {
  PublishedDocumentReader reader(source);
  for (const DocumentLine& line : SplitLines(content)) {
    if (absl::Status status = reader.ReadLine(line); !status.ok()) {
      return status;
    }
  }
  absl::StatusOr<std::vector<DocumentScorecard>> scorecards =
      std::move(reader).Finish();
  if (!scorecards.ok()) return scorecards.status();
  ScorecardDocument document;
  document.source = std::string(source);
  document.fiscal_year = scorecards->front().fiscal_year;
  document.scorecards = *std::move(scorecards);
  // The year travels with each scorecard, for the engine to check.
  for (DocumentScorecard& item : document.scorecards) {
    item.scorecard.set_fiscal_year(item.fiscal_year);
  }
  return document;
}

// ---------------------------------------------------------------------------
// Scorecard JSON.

absl::Status JsonError(absl::string_view json, absl::string_view source,
                       absl::string_view what,
                       const google::protobuf::util::Status& status) {
  return absl::InvalidArgumentError(DescribeJsonError(
      json, source, what,
      absl::string_view(status.message().data(), status.message().size())));
}

absl::StatusOr<ScorecardDocument> ReadJsonDocument(absl::string_view json,
                                                   absl::string_view source) {
  namespace pb = ::google::protobuf;
  // First as any JSON object, to tell the wrapper from a single scorecard and
  // to report bad JSON as such.
  pb::Struct object;
  if (pb::util::Status status = pb::util::JsonStringToMessage(
          pb::StringPiece(json.data(), json.size()), &object);
      !status.ok()) {
    return JsonError(json, source, "not valid JSON", status);
  }
  ScorecardDocument document;
  document.source = std::string(source);
  if (!object.fields().contains("scorecards")) {
    DocumentScorecard& one = document.scorecards.emplace_back();
    if (pb::util::Status status = pb::util::JsonStringToMessage(
            pb::StringPiece(json.data(), json.size()), &one.scorecard);
        !status.ok()) {
      return JsonError(json, source, "not a scorecard.v1.Scorecard in JSON",
                       status);
    }
    one.fiscal_year = one.scorecard.fiscal_year();
    document.fiscal_year = one.fiscal_year;
    return document;
  }
  scorecard::v1::ScorecardBatch batch;
  if (pb::util::Status status = pb::util::JsonStringToMessage(
          pb::StringPiece(json.data(), json.size()), &batch);
      !status.ok()) {
    return JsonError(json, source, "not a scorecard.v1.ScorecardBatch in JSON",
                     status);
  }
  if (batch.scorecards().empty()) {
    return DocumentError(source, "no scorecards: \"scorecards\" is empty");
  }
  document.fiscal_year = batch.fiscal_year();
  for (int i = 0; i < batch.scorecards_size(); ++i) {
    DocumentScorecard& scorecard = document.scorecards.emplace_back();
    scorecard.index = i;
    scorecard.scorecard = std::move(*batch.mutable_scorecards(i));
    // A scorecard's own year wins over the batch's.
    if (scorecard.scorecard.fiscal_year() == 0) {
      scorecard.scorecard.set_fiscal_year(batch.fiscal_year());
    }
    scorecard.fiscal_year = scorecard.scorecard.fiscal_year();
  }
  return document;
}

// ---------------------------------------------------------------------------
// Checks common to both formats.

}  // namespace

absl::StatusOr<ScorecardDocument> ReadScorecardDocument(
    absl::string_view content, absl::string_view source) {
  if (content.size() > kMaxDocumentBytes) {
    return DocumentError(source,
                         absl::StrCat("larger than ", kMaxDocumentBytes >> 20,
                                      " MiB; not read"));
  }
  content = StripByteOrderMark(content);
  if (absl::Status status =
          CheckUtf8Text(content, source, "scorecard documents");
      !status.ok()) {
    return status;
  }
  const absl::string_view text = StripWhiteSpace(content);
  if (text.empty()) return DocumentError(source, "empty document");
  if (text.front() == '{') return ReadJsonDocument(text, source);
  if (text.front() == '[') {
    return DocumentError(source,
                         "a JSON array; expected one scorecard.v1.Scorecard "
                         "object or {\"scorecards\": [...]}");
  }
  return ReadPublishedDocument(content, source);
}

absl::StatusOr<std::string> ReadDocumentBytes(const std::string& path) {
  return path == "-" ? ReadTextStream(stdin, path, kMaxDocumentBytes)
                     : ReadTextFile(path, kMaxDocumentBytes);
}

absl::StatusOr<ScorecardDocument> ReadScorecardFile(const std::string& path) {
  absl::StatusOr<std::string> content = ReadDocumentBytes(path);
  if (!content.ok()) return content.status();
  return ReadScorecardDocument(*content, path);
}

int ErrorLine(absl::string_view message, absl::string_view source) {
  if (!absl::ConsumePrefix(&message, source) ||
      !absl::ConsumePrefix(&message, ":")) {
    return 0;
  }
  const size_t digits = message.find_first_not_of("0123456789");
  int line = 0;
  if (digits == 0 || digits == absl::string_view::npos ||
      message[digits] != ':' ||
      !absl::SimpleAtoi(message.substr(0, digits), &line)) {
    return 0;
  }
  return line;
}

}  // namespace scorecard::rules
