// A latency histogram in the style of HdrHistogram: logarithmic buckets, each
// split into 128 linear sub-buckets, so any recorded value is known to within
// 1/128 (0.8%) of itself, from 1 ns to about 18 minutes, in 36 KiB. Recording
// is a few instructions and never allocates.
//
//   LatencyHistogram histogram;
//   histogram.Record(absl::Microseconds(87));
//   absl::Duration p99 = histogram.Percentile(99);
//
// One histogram per thread; merge them at the end (Merge). Not safe for
// concurrent use.

#ifndef SCORECARD_TESTS_BENCHMARKS_LATENCY_HISTOGRAM_H_
#define SCORECARD_TESTS_BENCHMARKS_LATENCY_HISTOGRAM_H_

#include <array>
#include <cstdint>

#include "absl/time/time.h"

namespace scorecard::bench {

class LatencyHistogram final {
 public:
  LatencyHistogram() { counts_.fill(0); }

  // Records one latency. Negative values count as zero; values past the
  // range count in the last bucket.
  void Record(absl::Duration latency);
  // Records one latency of `nanoseconds`.
  void RecordNanoseconds(int64_t nanoseconds);

  // Adds every value recorded in `other`.
  void Merge(const LatencyHistogram& other);

  // Returns the value below which `percent` (0 to 100) of the values lie,
  // as the upper end of its bucket (so never below the true value). Zero
  // when nothing was recorded.
  absl::Duration Percentile(double percent) const;

  int64_t count() const { return count_; }
  absl::Duration min() const;
  absl::Duration max() const { return absl::Nanoseconds(max_); }
  absl::Duration mean() const;

 private:
  // Values below 2^kSubBucketBits are counted exactly; above, each power of
  // two is split into 2^(kSubBucketBits - 1) buckets (see BucketOf).
  static constexpr int kSubBucketBits = 8;
  static constexpr int kMaxExponent = 40;  // 2^40 ns: about 18 minutes.
  // The top bucket holds values with their top bit at kMaxExponent.
  static constexpr int kBuckets =
      (kMaxExponent - kSubBucketBits + 3) * (1 << (kSubBucketBits - 1));

  static int BucketOf(uint64_t nanoseconds);
  static uint64_t UpperBoundOf(int bucket);

  std::array<int64_t, kBuckets> counts_;
  int64_t count_ = 0;
  int64_t min_ = INT64_MAX;
  int64_t max_ = 0;
  double sum_ = 0;  // In nanoseconds; for the mean only.
};

}  // namespace scorecard::bench

#endif  // SCORECARD_TESTS_BENCHMARKS_LATENCY_HISTOGRAM_H_
