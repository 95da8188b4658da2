#include "tests/benchmarks/latency_histogram.h"

#include <algorithm>
#include <cmath>

namespace scorecard::bench {

// Bucket layout, with S = kSubBucketBits (8) and H = 2^(S-1) (128):
//   v < 2^S:                bucket v (exact);
//   2^(S+k-1) <= v < 2^(S+k), k >= 1: shift = k, sub = v >> k in [H, 2H),
//                           bucket k*H + sub.
// Buckets are contiguous: k = 1 starts at H + H = 2^S.
int LatencyHistogram::BucketOf(uint64_t nanoseconds) {
  constexpr uint64_t kExact = uint64_t{1} << kSubBucketBits;
  constexpr int kHalf = 1 << (kSubBucketBits - 1);
  if (nanoseconds < kExact) return static_cast<int>(nanoseconds);
  const int top_bit = 63 - __builtin_clzll(nanoseconds);
  int shift = top_bit - (kSubBucketBits - 1);
  if (top_bit > kMaxExponent) return kBuckets - 1;
  const int sub = static_cast<int>(nanoseconds >> shift);
  return std::min(shift * kHalf + sub, kBuckets - 1);
}

uint64_t LatencyHistogram::UpperBoundOf(int bucket) {
  constexpr int kExact = 1 << kSubBucketBits;
  constexpr int kHalf = 1 << (kSubBucketBits - 1);
  if (bucket < kExact) return static_cast<uint64_t>(bucket);
  const int shift = bucket / kHalf - 1;
  const uint64_t sub = static_cast<uint64_t>(bucket - shift * kHalf);
  return ((sub + 1) << shift) - 1;
}

void LatencyHistogram::Record(absl::Duration latency) {
  RecordNanoseconds(absl::ToInt64Nanoseconds(latency));
}

void LatencyHistogram::RecordNanoseconds(int64_t nanoseconds) {
  if (nanoseconds < 0) nanoseconds = 0;
  ++counts_[BucketOf(static_cast<uint64_t>(nanoseconds))];
  ++count_;
  min_ = std::min(min_, nanoseconds);
  max_ = std::max(max_, nanoseconds);
  sum_ += static_cast<double>(nanoseconds);
}

void LatencyHistogram::Merge(const LatencyHistogram& other) {
  for (int i = 0; i < kBuckets; ++i) counts_[i] += other.counts_[i];
  count_ += other.count_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
  sum_ += other.sum_;
}

absl::Duration LatencyHistogram::Percentile(double percent) const {
  if (count_ == 0) return absl::ZeroDuration();
  // The rank of the value wanted, 1-based: the smallest value with at least
  // `percent` of the values at or below it.
  const int64_t rank = std::max<int64_t>(
      1, static_cast<int64_t>(
             std::ceil(percent / 100.0 * static_cast<double>(count_))));
  int64_t seen = 0;
  for (int i = 0; i < kBuckets; ++i) {
    seen += counts_[i];
    if (seen >= rank) {
      // The bucket's upper end, but never past the largest value recorded.
      // The last bucket also holds values past the range: its upper end
      // would understate them.
      if (i == kBuckets - 1) return absl::Nanoseconds(max_);
      return absl::Nanoseconds(
          std::min<int64_t>(static_cast<int64_t>(UpperBoundOf(i)), max_));
    }
  }
  return absl::Nanoseconds(max_);
}

absl::Duration LatencyHistogram::min() const {
  return count_ == 0 ? absl::ZeroDuration() : absl::Nanoseconds(min_);
}

absl::Duration LatencyHistogram::mean() const {
  return count_ == 0 ? absl::ZeroDuration()
                     : absl::Nanoseconds(static_cast<int64_t>(
                           sum_ / static_cast<double>(count_)));
}

}  // namespace scorecard::bench
