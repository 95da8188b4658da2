// What a scorecard costs on the wire, apart from gRPC and the engine: parsing
// the request, serialising the answer, and protobuf's UTF-8 check of every
// string, which Debian 12's protobuf (3.21) runs on each proto3 string field
// at parse and serialisation. These bound what BatchValidateScorecards and
// ValidateDocument can gain over ValidateScorecard: a batch saves gRPC's
// per-call cost, never these per-scorecard ones.
//
//   build/tests/benchmarks/wire_benchmark --benchmark_counters_tabular=true
//
// Nothing here asserts on time (docs/performance.md, "Many scorecards per
// call").

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "benchmark/benchmark.h"
#include "google/protobuf/arena.h"
#include "google/protobuf/stubs/common.h"
#include "rules/document_reader.h"
#include "rules/rule_set.h"
#include "rules/utf8.h"
#include "scorecard/v1/scorecard_service.pb.h"
#include "tests/benchmarks/bench_data.h"

namespace scorecard::bench {
namespace {

namespace v1 = ::scorecard::v1;

// The batch size of the goal and of --max_batch_scorecards' default.
constexpr int kBatch = 100;

const SeedData& Seed() {
  static const SeedData* const seed = [] {
    absl::StatusOr<SeedData> loaded = LoadSeedData(BenchSourceDir());
    if (!loaded.ok()) {
      std::fprintf(stderr, "wire_benchmark: %s\n",
                   loaded.status().ToString().c_str());
      std::exit(1);
    }
    return new SeedData(*std::move(loaded));
  }();
  return *seed;
}

// The secretariat's request (21 indicators), serialized.
const std::string& SeedRequestBytes() {
  static const std::string* const bytes = [] {
    v1::ValidateScorecardRequest request;
    *request.mutable_scorecard() = Seed().scorecards[0];
    return new std::string(request.SerializeAsString());
  }();
  return *bytes;
}

// The answer to it, full view.
const v1::ValidateScorecardResponse& SeedResponse() {
  static const v1::ValidateScorecardResponse* const response = [] {
    auto* answer = new v1::ValidateScorecardResponse();
    Seed().rule_set->Validate(Seed().scorecards[0], rules::ValidateOptions(),
                              answer->mutable_result());
    return answer;
  }();
  return *response;
}

// Every string of the seed request, as protobuf checks them at parse.
std::string AllStrings() {
  std::string text;
  const v1::Scorecard& scorecard = Seed().scorecards[0];
  text += scorecard.unit();
  for (const v1::Entry& entry : scorecard.entries()) {
    text += entry.indicator();
    text += entry.title();
    text += entry.score();
    text += entry.weight();
  }
  return text;
}

void BM_ParseScorecardRequest(benchmark::State& state) {
  const std::string& bytes = SeedRequestBytes();
  for (auto _ : state) {
    v1::ValidateScorecardRequest request;
    if (!request.ParseFromString(bytes)) state.SkipWithError("parse failed");
    benchmark::DoNotOptimize(request);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(bytes.size()));
}
BENCHMARK(BM_ParseScorecardRequest);

void BM_ParseScorecardRequestOnArena(benchmark::State& state) {
  const std::string& bytes = SeedRequestBytes();
  for (auto _ : state) {
    google::protobuf::Arena arena;
    auto* request =
        google::protobuf::Arena::CreateMessage<v1::ValidateScorecardRequest>(
            &arena);
    if (!request->ParseFromString(bytes)) state.SkipWithError("parse failed");
    benchmark::DoNotOptimize(request);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseScorecardRequestOnArena);

// One item is one scorecard of a 100-scorecard BatchValidateScorecards
// request.
void BM_ParseBatchRequest(benchmark::State& state) {
  v1::BatchValidateScorecardsRequest batch;
  for (int i = 0; i < kBatch; ++i) {
    *batch.add_scorecards() = Seed().scorecards[0];
  }
  const std::string bytes = batch.SerializeAsString();
  for (auto _ : state) {
    google::protobuf::Arena arena;
    auto* request = google::protobuf::Arena::CreateMessage<
        v1::BatchValidateScorecardsRequest>(&arena);
    if (!request->ParseFromString(bytes)) state.SkipWithError("parse failed");
    benchmark::DoNotOptimize(request);
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}
BENCHMARK(BM_ParseBatchRequest);

void BM_SerializeScorecardResponse(benchmark::State& state) {
  const v1::ValidateScorecardResponse& response = SeedResponse();
  std::string bytes;
  for (auto _ : state) {
    bytes.clear();
    response.SerializeToString(&bytes);
    benchmark::DoNotOptimize(bytes.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["response_bytes"] = static_cast<double>(bytes.size());
}
BENCHMARK(BM_SerializeScorecardResponse);

// Reading the published document (the seed, six units) as ValidateDocument
// does; one item is one scorecard.
void BM_ReadSeedDocument(benchmark::State& state) {
  absl::StatusOr<std::string> content = rules::ReadDocumentBytes(
      BenchSourceDir() + "/tests/data/led-fy2563-scores.txt");
  if (!content.ok()) {
    state.SkipWithError(content.status().ToString().c_str());
    return;
  }
  size_t scorecards = 0;
  for (auto _ : state) {
    absl::StatusOr<rules::ScorecardDocument> document =
        rules::ReadScorecardDocument(*content, "led-fy2563-scores.txt");
    if (!document.ok()) state.SkipWithError("read failed");
    scorecards = document->scorecards.size();
    benchmark::DoNotOptimize(document);
  }
  state.SetItemsProcessed(state.iterations() *
                          static_cast<int64_t>(scorecards));
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(content->size()));
}
BENCHMARK(BM_ReadSeedDocument);

// Protobuf's check of the request's strings (mostly Thai: three bytes a
// character), against the one rules/utf8.h uses for rule files.
void BM_Utf8CheckProtobuf(benchmark::State& state) {
  const std::string text = AllStrings();
  for (auto _ : state) {
    benchmark::DoNotOptimize(google::protobuf::internal::IsStructurallyValidUTF8(
        text.data(), static_cast<int>(text.size())));
  }
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(text.size()));
  state.counters["string_bytes"] = static_cast<double>(text.size());
}
BENCHMARK(BM_Utf8CheckProtobuf);

void BM_Utf8CheckRules(benchmark::State& state) {
  const std::string text = AllStrings();
  for (auto _ : state) {
    benchmark::DoNotOptimize(rules::IsValidUtf8(text));
  }
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(text.size()));
  state.counters["string_bytes"] = static_cast<double>(text.size());
}
BENCHMARK(BM_Utf8CheckRules);

}  // namespace
}  // namespace scorecard::bench

BENCHMARK_MAIN();
