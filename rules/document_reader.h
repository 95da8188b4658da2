// Reads the scorecards in a submitted document: either the tab-separated text
// the agencies publish (copied out of a PDF), or Scorecard JSON.
//
//   absl::StatusOr<ScorecardDocument> document =
//       ReadScorecardFile("led-fy2563-scores.txt");
//   // document->scorecards[0].scorecard.unit() == "สำนักงานเลขานุการกรม"
//
// The reader only finds the cells; it judges nothing. Indicator numbers,
// scores, weights and totals reach the rules engine as the submitted text
// (trimmed), so a bad number such as "๕.๐o๐๐" is reported by the engine as
// INVALID_NUMBER with its line, not here.
//
// The published format, one block per organisational unit:
//
//   สรุปผลคะแนน ตามคำรับรองการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๓   title
//   ตัวชี้วัด<TAB>สำนักงานเลขานุการกรม                                  unit header
//   <TAB>รายละเอียดตัวชี้วัด<TAB>คะแนนที่ได้<TAB>น้ำหนัก               column header
//   ๑.๑<TAB>ร้อยละความพึงพอใจของผู้รับบริการ<TAB>๕.๐๐๐๐<TAB>๑๐          indicator
//   คะแนนที่ได้รับตามคำรับรองฯ ... พ.ศ. ๒๕๖๓<TAB><TAB>๔.๙๖๐๐<TAB>๑๐๐    total
//
// Tolerated, because copies out of PDFs have them: a UTF-8 byte-order mark,
// CRLF or CR line ends, white space around cells (ASCII, no-break space,
// zero-width space), trailing tabs, ASCII digits, extra blank lines, a block
// without a total row, no newline at the end. Anything else that is not one
// of the rows above is an error naming its line: documents are checked by
// machine, and dropping a row silently could drop a score.
//
// All functions are stateless and safe for concurrent use.

#ifndef SCORECARD_RULES_DOCUMENT_READER_H_
#define SCORECARD_RULES_DOCUMENT_READER_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "scorecard/v1/scorecard.pb.h"

namespace scorecard::rules {

// The largest document read, in bytes (64 MiB). Larger input is refused
// before it is parsed, and a file is never read past this size.
inline constexpr size_t kMaxDocumentBytes = size_t{64} << 20;

// One scorecard read from a document, with where it came from.
struct DocumentScorecard {
  // The unit's scorecard. rule_set is left empty: the caller picks the rule
  // set (for example from fiscal_year). Its fiscal_year is the one below,
  // so that the engine can check it against the rule set's. For the
  // published format, line and declared_total_line and every entry's line
  // are 1-based document lines; JSON keeps whatever lines it states
  // (usually none, so 0).
  scorecard::v1::Scorecard scorecard;
  // The fiscal year in the Buddhist era (2563 for the year ending September
  // 2020), from the block's title line or else its total row; for JSON, the
  // scorecard's own fiscal_year, else the batch's. 0 if none is stated.
  int fiscal_year = 0;
  // 0-based position of the scorecard in the document.
  int index = 0;
};

// Every scorecard of one document, in document order.
struct ScorecardDocument {
  // The file name as given, "-" for stdin; error messages start with it.
  std::string source;
  // The first block's fiscal year (Buddhist era); 0 if it states none.
  int fiscal_year = 0;
  // Never empty when returned.
  std::vector<DocumentScorecard> scorecards;
};

// Reads the scorecards in `content`, a whole document. `source` names the
// document in error messages ("source: ..." or "source:LINE: ...").
//
// Content whose first non-white-space character is '{' is Scorecard JSON in
// the proto3 JSON mapping: one Scorecard object, or a ScorecardBatch
// {"fiscalYear": 2563, "scorecards": [...]}
// (a bare JSON array is refused with a message saying so). Anything else is
// read as the published tab-separated format.
//
// Fails with INVALID_ARGUMENT for empty input, input over kMaxDocumentBytes,
// binary input (a NUL byte) or invalid UTF-8, JSON that is not a Scorecard or
// a wrapper of them, a document without any unit block, and any row of the
// published format that cannot be placed (see the top of this file).
absl::StatusOr<ScorecardDocument> ReadScorecardDocument(
    absl::string_view content, absl::string_view source);

// Reads the file at `path`, or stdin when `path` is "-", and returns
// ReadScorecardDocument(its content, path). Fails with NOT_FOUND when the file
// does not exist, PERMISSION_DENIED when it cannot be opened for that reason,
// and INVALID_ARGUMENT when it is larger than kMaxDocumentBytes or is not a
// regular readable file (a directory, say).
absl::StatusOr<ScorecardDocument> ReadScorecardFile(const std::string& path);

// Reads the bytes of the file at `path`, or stdin when `path` is "-", as
// ReadScorecardFile does before it reads the document, with the same errors.
absl::StatusOr<std::string> ReadDocumentBytes(const std::string& path);

// Returns the 1-based line that ReadScorecardDocument's error `message`
// names ("source:LINE: ..." or "source:LINE:COLUMN: ..."), given the
// `source` it was read with; 0 when it names no line.
int ErrorLine(absl::string_view message, absl::string_view source);

}  // namespace scorecard::rules

#endif  // SCORECARD_RULES_DOCUMENT_READER_H_
