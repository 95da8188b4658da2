#include "tests/benchmarks/latency_histogram.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "absl/time/time.h"
#include "gtest/gtest.h"

namespace scorecard::bench {
namespace {

TEST(LatencyHistogram, EmptyReportsZero) {
  const LatencyHistogram histogram;
  EXPECT_EQ(histogram.count(), 0);
  EXPECT_EQ(histogram.Percentile(99), absl::ZeroDuration());
  EXPECT_EQ(histogram.min(), absl::ZeroDuration());
  EXPECT_EQ(histogram.mean(), absl::ZeroDuration());
}

TEST(LatencyHistogram, SmallValuesAreExact) {
  LatencyHistogram histogram;
  for (int64_t v = 1; v <= 100; ++v) histogram.RecordNanoseconds(v);
  EXPECT_EQ(histogram.Percentile(50), absl::Nanoseconds(50));
  EXPECT_EQ(histogram.Percentile(99), absl::Nanoseconds(99));
  EXPECT_EQ(histogram.Percentile(100), absl::Nanoseconds(100));
  EXPECT_EQ(histogram.min(), absl::Nanoseconds(1));
  EXPECT_EQ(histogram.max(), absl::Nanoseconds(100));
}

// Every percentile lies within 1/128 above the exact sorted-sample answer,
// across the whole range a latency can take.
TEST(LatencyHistogram, PercentilesWithinOnePartIn128) {
  std::mt19937_64 random(7);
  std::lognormal_distribution<double> spread(12.0, 2.5);  // ~160 µs median.
  LatencyHistogram histogram;
  std::vector<int64_t> values;
  for (int i = 0; i < 100000; ++i) {
    const int64_t v = static_cast<int64_t>(spread(random));
    values.push_back(v);
    histogram.RecordNanoseconds(v);
  }
  std::sort(values.begin(), values.end());
  for (const double percent : {1.0, 50.0, 90.0, 99.0, 99.9, 99.99, 100.0}) {
    const size_t rank = static_cast<size_t>(
        std::ceil(percent / 100.0 * static_cast<double>(values.size())));
    const int64_t exact = values[rank - 1];
    const int64_t reported =
        absl::ToInt64Nanoseconds(histogram.Percentile(percent));
    EXPECT_GE(reported, exact) << percent;
    EXPECT_LE(reported, exact + exact / 128 + 1) << percent;
  }
}

TEST(LatencyHistogram, MergeEqualsRecordingEverything) {
  LatencyHistogram a, b, both;
  for (int64_t v = 0; v < 5000; ++v) {
    const int64_t value = v * v * 37;
    (v % 2 == 0 ? a : b).RecordNanoseconds(value);
    both.RecordNanoseconds(value);
  }
  a.Merge(b);
  EXPECT_EQ(a.count(), both.count());
  EXPECT_EQ(a.max(), both.max());
  EXPECT_EQ(a.min(), both.min());
  for (const double percent : {10.0, 50.0, 99.0, 99.9}) {
    EXPECT_EQ(a.Percentile(percent), both.Percentile(percent)) << percent;
  }
}

TEST(LatencyHistogram, HugeAndNegativeValuesAreClamped) {
  LatencyHistogram histogram;
  histogram.RecordNanoseconds(-5);
  histogram.Record(absl::Hours(10));
  EXPECT_EQ(histogram.count(), 2);
  EXPECT_EQ(histogram.Percentile(1), absl::ZeroDuration());
  EXPECT_EQ(histogram.Percentile(100), absl::Hours(10));
}

}  // namespace
}  // namespace scorecard::bench
