// A measuring tool (see README.md): libyaml's and libfyaml's event loops
// alone, without our tree or reader, on the synthetic 5,000-unit rule set
// of the load benchmark, written to PATH first if PATH does not exist.
// Prints each parser's CPU time, three rounds.
//
// Usage: parse_events PATH   (docs/performance.md has the build command)

#include <libfyaml.h>
#include <yaml.h>

#include <cstdio>
#include <ctime>
#include <string>

#include "tests/benchmarks/bench_data.h"
#include "tests/testing/files.h"

namespace {

double CpuMilliseconds() { return 1000.0 * std::clock() / CLOCKS_PER_SEC; }

long LibyamlEvents(const std::string& text) {
  yaml_parser_t parser;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_string(
      &parser, reinterpret_cast<const unsigned char*>(text.data()),
      text.size());
  long events = 0;
  yaml_event_t event;
  while (yaml_parser_parse(&parser, &event)) {
    const bool end = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
    ++events;
    if (end) break;
  }
  yaml_parser_delete(&parser);
  return events;
}

long LibfyamlEvents(const std::string& text) {
  fy_parse_cfg config = {};
  config.flags = static_cast<fy_parse_cfg_flags>(FYPCF_QUIET | FYPCF_JSON_NONE);
  fy_parser* parser = fy_parser_create(&config);
  fy_parser_set_string(parser, text.data(), text.size());
  long events = 0;
  while (fy_event* event = fy_parser_parse(parser)) {
    size_t length;
    // As the tree builder does: a scalar's text is what it reads.
    if (event->type == FYET_SCALAR) fy_token_get_text(event->scalar.value, &length);
    fy_parser_event_free(parser, event);
    ++events;
  }
  fy_parser_destroy(parser);
  return events;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: parse_events PATH\n");
    return 2;
  }
  const std::string path = argv[1];
  std::string text = scorecard::testing::ReadFile(path);
  if (text.empty()) {
    if (!scorecard::bench::WriteRuleSetFile(
             scorecard::bench::SyntheticRuleSet("synthetic", 5000, 20),
             scorecard::rules::RuleFileFormat::kYaml, path)
             .ok()) {
      return 1;
    }
    text = scorecard::testing::ReadFile(path);
  }
  for (int round = 0; round < 3; ++round) {
    double start = CpuMilliseconds();
    const long libyaml = LibyamlEvents(text);
    const double libyaml_ms = CpuMilliseconds() - start;
    start = CpuMilliseconds();
    const long libfyaml = LibfyamlEvents(text);
    const double libfyaml_ms = CpuMilliseconds() - start;
    std::printf("libyaml: %ld events in %.0f ms; libfyaml: %ld events in %.0f ms\n",
                libyaml, libyaml_ms, libfyaml, libfyaml_ms);
  }
  return 0;
}
