#include "service/process_metrics.h"

#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"

namespace scorecard::service {
namespace {

prometheus::MetricFamily Family(const char* name, const char* help,
                                prometheus::MetricType type, double value) {
  prometheus::MetricFamily family;
  family.name = name;
  family.help = help;
  family.type = type;
  prometheus::ClientMetric metric;
  if (type == prometheus::MetricType::Counter) {
    metric.counter.value = value;
  } else {
    metric.gauge.value = value;
  }
  family.metric.push_back(metric);
  return family;
}

std::string ReadWhole(const char* path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The fields of /proc/self/stat after the command name (which may hold
// spaces and parentheses, so the split starts after the last ')'): index 0
// is field 3, "state".
std::vector<std::string> StatFields() {
  const std::string stat = ReadWhole("/proc/self/stat");
  const size_t close = stat.rfind(')');
  if (close == std::string::npos) return {};
  return absl::StrSplit(absl::string_view(stat).substr(close + 1),
                        ' ', absl::SkipEmpty());
}

// The system's boot time, in seconds since the epoch ("btime" of
// /proc/stat).
std::optional<double> BootTime() {
  for (absl::string_view line :
       absl::StrSplit(ReadWhole("/proc/stat"), '\n')) {
    if (absl::ConsumePrefix(&line, "btime ")) {
      double seconds;
      if (absl::SimpleAtod(line, &seconds)) return seconds;
    }
  }
  return std::nullopt;
}

std::optional<int> OpenFds() {
  DIR* dir = ::opendir("/proc/self/fd");
  if (dir == nullptr) return std::nullopt;
  int count = 0;
  while (const struct dirent* entry = ::readdir(dir)) {
    if (entry->d_name[0] != '.') ++count;
  }
  ::closedir(dir);
  return count - 1;  // The folder being read is itself an open fd.
}

}  // namespace

std::vector<prometheus::MetricFamily> ProcessMetrics::Collect() const {
  using prometheus::MetricType;
  std::vector<prometheus::MetricFamily> families;
  const double ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
  const double page = static_cast<double>(::sysconf(_SC_PAGESIZE));
  const std::vector<std::string> stat = StatFields();
  // Fields 14 utime, 15 stime, 22 starttime (ticks), 23 vsize (bytes),
  // 24 rss (pages); index = field - 3.
  double utime, stime, start, vsize, rss;
  if (stat.size() > 21 && absl::SimpleAtod(stat[11], &utime) &&
      absl::SimpleAtod(stat[12], &stime) && absl::SimpleAtod(stat[19], &start) &&
      absl::SimpleAtod(stat[20], &vsize) && absl::SimpleAtod(stat[21], &rss) &&
      ticks > 0) {
    families.push_back(Family("process_cpu_seconds_total",
                              "Total user and system CPU time spent in "
                              "seconds.",
                              MetricType::Counter, (utime + stime) / ticks));
    families.push_back(Family("process_resident_memory_bytes",
                              "Resident memory size in bytes.",
                              MetricType::Gauge, rss * page));
    families.push_back(Family("process_virtual_memory_bytes",
                              "Virtual memory size in bytes.",
                              MetricType::Gauge, vsize));
    if (const std::optional<double> boot = BootTime()) {
      families.push_back(Family("process_start_time_seconds",
                                "Start time of the process since unix epoch "
                                "in seconds.",
                                MetricType::Gauge, *boot + start / ticks));
    }
  }
  if (const std::optional<int> fds = OpenFds()) {
    families.push_back(Family("process_open_fds",
                              "Number of open file descriptors.",
                              MetricType::Gauge, *fds));
  }
  struct rlimit limit;
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0) {
    families.push_back(Family("process_max_fds",
                              "Maximum number of open file descriptors.",
                              MetricType::Gauge,
                              static_cast<double>(limit.rlim_cur)));
  }
  return families;
}

}  // namespace scorecard::service
