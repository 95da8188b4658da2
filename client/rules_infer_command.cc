// `rules infer DOCUMENT --id ID`: writes a YAML rule set drafted from a
// published document (rule_set_draft.h). Exit status: 0 a clean draft, 1 a
// draft with problems (still written, each commented), 2 a usage error or a
// document that cannot be read.

#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "client/commands.h"
#include "client/rule_set_draft.h"
#include "rules/document_reader.h"

namespace scorecard::client {

int RunRulesInfer(const CommandLine& line, const CommandContext& context) {
  if (line.positional().size() != 1) {
    return context.UsageError("rules infer",
                              "rules infer needs exactly one DOCUMENT");
  }
  const std::optional<std::string> id = line.Value("id");
  if (!id.has_value() || id->empty()) {
    return context.UsageError("rules infer",
                              "rules infer needs --id ID (e.g. led-fy2564)");
  }
  absl::StatusOr<rules::ScorecardDocument> document =
      rules::ReadScorecardFile(line.positional().front());
  if (!document.ok()) {
    context.err << "scorecardctl: " << document.status().message() << "\n";
    return kExitUsage;
  }
  const RuleSetDraft draft =
      DraftRuleSet(*document, *id, line.Value("title").value_or(""));
  const std::string yaml = DraftToYaml(draft);
  if (std::optional<std::string> path = line.Value("output")) {
    std::ofstream file(*path, std::ios::binary | std::ios::trunc);
    file << yaml;
    file.close();
    if (!file) {
      context.err << "scorecardctl: cannot write the draft to " << *path
                  << "\n";
      return kExitUsage;
    }
  } else {
    context.out << yaml;
  }
  for (const std::string& problem : draft.problems) {
    context.err << "scorecardctl: " << problem << "\n";
  }
  return draft.problems.empty() ? kExitValid : kExitInvalid;
}

}  // namespace scorecard::client
