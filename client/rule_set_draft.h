// A rule set drafted from a published document (`scorecardctl rules
// infer`): for an officer starting next year's agreement from this year's
// scores.
//
//   RuleSetDraft draft = DraftRuleSet(*document, "led-fy2564", "");
//   std::string yaml = DraftToYaml(draft);   // a rule file, problems commented
//
// The draft holds the document's fiscal year; every unit in document order,
// with the id unit-1, unit-2, ... (Thai names have no agreed Latin spelling:
// the officer gives stable ids) and the official name as published; every
// indicator with its id (ASCII digits), its title as published and its
// weight (ASCII digits); the categories the indicator numbers name (the part
// before the first dot); the weight total the document declares (else 100);
// the default score scale (1 to 5) with the decimals the scores are written
// with (else 4). Weights that do not sum to the weight total, a weight that
// is missing or not a number, a duplicate indicator and a repeated unit name
// are problems: each is listed, and commented in the YAML at its unit or
// indicator; the draft is still whole.
//
// Thread-safety: pure functions.

#ifndef SCORECARD_CLIENT_RULE_SET_DRAFT_H_
#define SCORECARD_CLIENT_RULE_SET_DRAFT_H_

#include <string>
#include <vector>

#include "client/yaml_writer.h"
#include "rules/document_reader.h"
#include "scorecard/v1/rule_set_config.pb.h"

namespace scorecard::client {

struct RuleSetDraft {
  scorecard::v1::RuleSetConfig config;
  std::string source;  // The document it was drafted from.
  // One sentence per problem, naming the document line where there is one.
  std::vector<std::string> problems;
  // The problems again, by where they belong in the YAML.
  YamlComments comments;
};

// Drafts a rule set `id` (titled `title`, may be empty) from `document`.
RuleSetDraft DraftRuleSet(const rules::ScorecardDocument& document,
                          const std::string& id, const std::string& title);

// Returns the draft as a YAML rule file, with a header comment and each
// problem as a comment where it is.
std::string DraftToYaml(const RuleSetDraft& draft);

}  // namespace scorecard::client

#endif  // SCORECARD_CLIENT_RULE_SET_DRAFT_H_
