#include "tests/benchmarks/load_generator.h"

#include <sys/resource.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <deque>
#include <memory>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpc/support/time.h"
#include "grpcpp/grpcpp.h"
#include "scorecard/v1/scorecard_service.grpc.pb.h"

namespace scorecard::bench {
namespace {

namespace v1 = ::scorecard::v1;
using Stub = v1::ScorecardService::Stub;

// Nanoseconds on the monotonic clock.
int64_t NowNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// A completion-queue deadline `nanos_from_now` ahead.
gpr_timespec DeadlineIn(int64_t nanos_from_now) {
  return gpr_time_add(
      gpr_now(GPR_CLOCK_MONOTONIC),
      gpr_time_from_nanos(std::max<int64_t>(0, nanos_from_now), GPR_TIMESPAN));
}

// A completion-queue tag: the operation that completed.
class Operation {
 public:
  virtual ~Operation() = default;
  virtual void Done(bool ok) = 0;
};

// The run's fixed facts, shared read-only by every worker.
struct Plan {
  const LoadOptions* options;
  v1::ValidateScorecardRequest unary_request;
  v1::ValidateScorecardsRequest stream_request;
  // kBatch and kDocument: what each call sends.
  v1::BatchValidateScorecardsRequest batch_request;
  v1::ValidateDocumentRequest document_request;
  int64_t measure_start;  // NowNanos() at the end of the warm-up.
  int64_t end;            // NowNanos() at the end of the window.
};

class Worker;

// One unary call in flight at a time: ValidateScorecard, or a bulk call
// (options.rpc).
class UnarySlot final : public Operation {
 public:
  UnarySlot(Worker* worker, Stub* stub) : worker_(worker), stub_(stub) {}

  void Send(int64_t intended, grpc::CompletionQueue* cq, const Plan& plan) {
    intended_ = intended;
    context_ = std::make_unique<grpc::ClientContext>();
    switch (plan.options->rpc) {
      case LoadRpc::kBatch:
        batch_reader_ = stub_->PrepareAsyncBatchValidateScorecards(
            context_.get(), plan.batch_request, cq);
        batch_reader_->StartCall();
        batch_response_.Clear();
        batch_reader_->Finish(&batch_response_, &status_, this);
        break;
      case LoadRpc::kDocument:
        document_reader_ = stub_->PrepareAsyncValidateDocument(
            context_.get(), plan.document_request, cq);
        document_reader_->StartCall();
        document_response_.Clear();
        document_reader_->Finish(&document_response_, &status_, this);
        break;
      default:
        reader_ = stub_->PrepareAsyncValidateScorecard(context_.get(),
                                                       plan.unary_request, cq);
        reader_->StartCall();
        reader_->Finish(&response_, &status_, this);
        break;
    }
    busy_ = true;
  }

  void Done(bool ok) override;

  void Cancel() {
    if (busy_) context_->TryCancel();
  }
  bool busy() const { return busy_; }

 private:
  Worker* const worker_;
  Stub* const stub_;
  int64_t intended_ = 0;
  bool busy_ = false;
  std::unique_ptr<grpc::ClientContext> context_;
  std::unique_ptr<
      grpc::ClientAsyncResponseReader<v1::ValidateScorecardResponse>>
      reader_;
  v1::ValidateScorecardResponse response_;
  std::unique_ptr<
      grpc::ClientAsyncResponseReader<v1::BatchValidateScorecardsResponse>>
      batch_reader_;
  v1::BatchValidateScorecardsResponse batch_response_;
  std::unique_ptr<
      grpc::ClientAsyncResponseReader<v1::ValidateDocumentResponse>>
      document_reader_;
  v1::ValidateDocumentResponse document_response_;
  grpc::Status status_;
};

// One ValidateScorecards stream: at most one write and one read
// outstanding (gRPC's rule), up to `window` requests unanswered.
class StreamSession {
 public:
  StreamSession(Worker* worker, Stub* stub, int window,
                const v1::ValidateScorecardsRequest& template_request)
      : worker_(worker),
        stub_(stub),
        window_(window),
        request_(template_request),
        start_(this, &StreamSession::OnStart),
        write_(this, &StreamSession::OnWrite),
        read_(this, &StreamSession::OnRead),
        writes_done_(this, &StreamSession::OnWritesDone),
        finish_(this, &StreamSession::OnFinish) {}

  void Start(grpc::CompletionQueue* cq) {
    stream_ = stub_->PrepareAsyncValidateScorecards(&context_, cq);
    stream_->StartCall(&start_);
  }

  // Sends what it may: called whenever work or window space may have
  // appeared.
  void Pump();

  // No more requests: half-closes once the last write is done.
  void Close() {
    closing_ = true;
    Pump();
  }

  void Cancel() { context_.TryCancel(); }
  bool finished() const { return finished_; }

 private:
  // Forwards a completion to a member function.
  class Forward final : public Operation {
   public:
    Forward(StreamSession* session, void (StreamSession::*method)(bool))
        : session_(session), method_(method) {}
    void Done(bool ok) override { (session_->*method_)(ok); }

   private:
    StreamSession* const session_;
    void (StreamSession::*const method_)(bool);
  };

  void OnStart(bool ok) {
    if (!ok) {
      read_closed_ = true;
      MaybeFinish();
      return;
    }
    started_ = true;
    stream_->Read(&response_, &read_);
    Pump();
  }

  void OnWrite(bool ok) {
    writing_ = false;
    if (!ok) write_closed_ = true;  // The stream broke; the read sees it too.
    if (read_closed_) {
      MaybeFinish();
      return;
    }
    Pump();
  }

  void OnRead(bool ok);

  void OnWritesDone(bool ok) {
    writing_ = false;
    if (read_closed_) MaybeFinish();
  }

  void OnFinish(bool ok);

  // Finishes once the server has ended the stream and no write is pending.
  void MaybeFinish() {
    if (finish_started_ || writing_) return;
    finish_started_ = true;
    if (!started_) {
      status_ = grpc::Status(grpc::StatusCode::UNAVAILABLE,
                             "the stream did not start");
      OnFinish(true);
      return;
    }
    stream_->Finish(&status_, &finish_);
  }

  Worker* const worker_;
  Stub* const stub_;
  const int window_;
  grpc::ClientContext context_;
  std::unique_ptr<grpc::ClientAsyncReaderWriter<v1::ValidateScorecardsRequest,
                                                v1::ValidateScorecardsResponse>>
      stream_;
  v1::ValidateScorecardsRequest request_;
  v1::ValidateScorecardsResponse response_;
  grpc::Status status_;
  Forward start_, write_, read_, writes_done_, finish_;
  std::deque<int64_t> unanswered_;  // Intended send times, oldest first.
  int64_t next_id_ = 0;
  bool started_ = false;
  bool writing_ = false;
  bool closing_ = false;
  bool half_closed_ = false;
  bool write_closed_ = false;
  bool read_closed_ = false;
  bool finish_started_ = false;
  bool finished_ = false;
};

// One client thread: a completion queue and its share of the channels.
class Worker {
 public:
  Worker(const Plan& plan, int64_t first_intended, int64_t interval)
      : plan_(plan),
        options_(*plan.options),
        next_intended_(first_intended),
        interval_(interval) {}

  void AddUnarySlots(Stub* stub, int count) {
    for (int i = 0; i < count; ++i) {
      slots_.push_back(std::make_unique<UnarySlot>(this, stub));
    }
  }

  void AddStream(Stub* stub) {
    streams_.push_back(std::make_unique<StreamSession>(
        this, stub, options_.window, plan_.stream_request));
  }

  bool empty() const { return slots_.empty() && streams_.empty(); }
  size_t capacity() const {
    return slots_.size() + streams_.size() * options_.window;
  }

  void Run();

  // Takes the intended send time of the next call, if one should go now.
  bool TakeWork(int64_t* intended) {
    if (open_loop()) {
      if (backlog_.empty()) return false;
      *intended = backlog_.front();
      backlog_.pop_front();
      return true;
    }
    const int64_t now = NowNanos();
    if (now >= plan_.end) return false;
    *intended = now;
    return true;
  }

  // Records a call answered (status OK) or failed.
  void Completed(int64_t intended, const grpc::Status& status) {
    const int64_t now = NowNanos();
    if (!status.ok()) {
      Failed(status.error_message().empty()
                 ? absl::StrCat("code ", status.error_code())
                 : absl::StrCat("code ", status.error_code(), ": ",
                                status.error_message()));
      return;
    }
    if (now >= plan_.measure_start && now < plan_.end) ++calls_;
    if (intended >= plan_.measure_start && intended < plan_.end) {
      latency_.RecordNanoseconds(now - intended);
    }
  }

  void Failed(std::string why) {
    ++errors_;
    if (first_error_.empty()) first_error_ = std::move(why);
  }

  void UnaryDone(UnarySlot* slot) {
    int64_t intended;
    if (!cancelled_ && TakeWork(&intended)) {
      slot->Send(intended, &cq_, plan_);
    } else {
      free_slots_.push_back(slot);
    }
  }

  void StreamFinished() { ++streams_finished_; }

  // Adds this worker's counts to `result`.
  void AddTo(LoadResult* result) const {
    result->calls += calls_;
    result->errors += errors_;
    if (result->first_error.empty()) result->first_error = first_error_;
    result->latency.Merge(latency_);
    result->max_backlog = std::max(result->max_backlog, max_backlog_);
  }

 private:
  bool open_loop() const { return interval_ > 0; }

  // Open loop: queues every call whose time has come.
  void Schedule(int64_t now) {
    while (next_intended_ <= now && next_intended_ < plan_.end) {
      backlog_.push_back(next_intended_);
      next_intended_ += interval_;
    }
  }

  // Hands queued calls to free slots and streams.
  void Dispatch() {
    int64_t intended;
    while (!free_slots_.empty() && TakeWork(&intended)) {
      UnarySlot* slot = free_slots_.back();
      free_slots_.pop_back();
      slot->Send(intended, &cq_, plan_);
    }
    for (const auto& stream : streams_) stream->Pump();
  }

  bool Idle() const {
    if (streams_finished_ < static_cast<int>(streams_.size())) return false;
    for (const auto& slot : slots_) {
      if (slot->busy()) return false;
    }
    return true;
  }

  const Plan& plan_;
  const LoadOptions& options_;
  grpc::CompletionQueue cq_;
  std::vector<std::unique_ptr<UnarySlot>> slots_;
  std::vector<UnarySlot*> free_slots_;
  std::vector<std::unique_ptr<StreamSession>> streams_;
  int streams_finished_ = 0;
  std::deque<int64_t> backlog_;
  int64_t next_intended_;
  const int64_t interval_;  // Open loop: nanoseconds between calls; else 0.
  bool cancelled_ = false;

  int64_t calls_ = 0;
  int64_t errors_ = 0;
  std::string first_error_;
  LatencyHistogram latency_;
  int64_t max_backlog_ = 0;
};

void UnarySlot::Done(bool ok) {
  busy_ = false;
  worker_->Completed(intended_, ok ? status_
                                   : grpc::Status(grpc::StatusCode::UNKNOWN,
                                                  "the call did not complete"));
  worker_->UnaryDone(this);
}

void StreamSession::Pump() {
  if (!started_ || writing_ || half_closed_ || write_closed_ || read_closed_) {
    return;
  }
  int64_t intended;
  if (static_cast<int>(unanswered_.size()) < window_ && !closing_ &&
      worker_->TakeWork(&intended)) {
    char id[24];
    const std::to_chars_result written =
        std::to_chars(id, id + sizeof(id), next_id_++);
    request_.set_correlation_id(id, written.ptr - id);
    unanswered_.push_back(intended);
    writing_ = true;
    stream_->Write(request_, &write_);
    return;
  }
  if (closing_ && unanswered_.empty()) {
    half_closed_ = true;
    writing_ = true;
    stream_->WritesDone(&writes_done_);
  }
}

void StreamSession::OnRead(bool ok) {
  if (!ok) {
    read_closed_ = true;
    MaybeFinish();
    return;
  }
  if (!unanswered_.empty()) {
    worker_->Completed(unanswered_.front(), grpc::Status::OK);
    unanswered_.pop_front();
  }
  stream_->Read(&response_, &read_);
  Pump();
}

void StreamSession::OnFinish(bool ok) {
  finished_ = true;
  if (!status_.ok()) {
    worker_->Completed(0, status_);
  }
  // Requests sent and never answered failed too.
  for (size_t i = 0; i < unanswered_.size(); ++i) {
    worker_->Failed("a streamed request was never answered");
  }
  unanswered_.clear();
  worker_->StreamFinished();
}

void Worker::Run() {
  const int64_t drain_nanos = absl::ToInt64Nanoseconds(options_.drain_timeout);
  free_slots_.reserve(slots_.size());
  for (const auto& slot : slots_) free_slots_.push_back(slot.get());
  for (const auto& stream : streams_) stream->Start(&cq_);
  bool closing = false;
  bool streams_closed = false;
  for (;;) {
    const int64_t now = NowNanos();
    if (open_loop() && !closing) Schedule(now);
    if (!closing && now >= plan_.end) closing = true;
    if (!cancelled_) Dispatch();
    // What Dispatch could not send is waiting for a free slot.
    max_backlog_ = std::max<int64_t>(max_backlog_, backlog_.size());
    if (closing && !streams_closed && backlog_.empty()) {
      streams_closed = true;
      for (const auto& stream : streams_) stream->Close();
    }
    if (closing && !cancelled_ && now >= plan_.end + drain_nanos) {
      cancelled_ = true;
      if (!backlog_.empty()) {
        Failed("calls were never sent: the server did not keep up");
        errors_ += static_cast<int64_t>(backlog_.size()) - 1;
        backlog_.clear();
      }
      for (const auto& slot : slots_) slot->Cancel();
      for (const auto& stream : streams_) stream->Cancel();
    }
    if (closing && backlog_.empty() && Idle()) break;
    int64_t wake = closing ? plan_.end + drain_nanos : plan_.end;
    if (open_loop() && !closing) wake = std::min(wake, next_intended_);
    if (cancelled_) wake = now + 100'000'000;
    void* tag = nullptr;
    bool ok = false;
    const grpc::CompletionQueue::NextStatus status =
        cq_.AsyncNext(&tag, &ok, DeadlineIn(wake - now));
    if (status == grpc::CompletionQueue::GOT_EVENT) {
      static_cast<Operation*>(tag)->Done(ok);
    } else if (status == grpc::CompletionQueue::SHUTDOWN) {
      break;
    }
  }
  cq_.Shutdown();
  void* tag = nullptr;
  bool ok = false;
  while (cq_.Next(&tag, &ok)) {
  }
}

}  // namespace

absl::Duration ProcessCpuTime() {
  struct rusage usage;
  ::getrusage(RUSAGE_SELF, &usage);
  return absl::DurationFromTimeval(usage.ru_utime) +
         absl::DurationFromTimeval(usage.ru_stime);
}

absl::StatusOr<LoadResult> RunLoad(const LoadOptions& options,
                                   const v1::Scorecard& scorecard) {
  if (options.target.empty()) {
    return absl::InvalidArgumentError("no target");
  }
  if (options.channels <= 0 || options.in_flight <= 0 || options.streams <= 0 ||
      options.window <= 0 || options.threads <= 0 || options.rate < 0 ||
      options.duration <= absl::ZeroDuration() ||
      options.warmup < absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        "channels, in_flight, streams, window, threads and duration must be "
        "positive; rate and warmup not negative");
  }

  std::vector<std::shared_ptr<grpc::Channel>> channels;
  std::vector<std::unique_ptr<Stub>> stubs;
  for (int c = 0; c < options.channels; ++c) {
    grpc::ChannelArguments args;
    // A connection of its own for each channel.
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    args.SetInt("scorecard.bench.channel", c);
    channels.push_back(grpc::CreateCustomChannel(
        options.target, grpc::InsecureChannelCredentials(), args));
    stubs.push_back(v1::ScorecardService::NewStub(channels.back()));
  }
  const auto connect_deadline =
      std::chrono::system_clock::now() +
      std::chrono::nanoseconds(
          absl::ToInt64Nanoseconds(options.connect_timeout));
  for (const auto& channel : channels) {
    if (!channel->WaitForConnected(connect_deadline)) {
      return absl::UnavailableError(
          absl::StrCat("cannot connect to ", options.target));
    }
  }

  Plan plan;
  plan.options = &options;
  *plan.unary_request.mutable_scorecard() = scorecard;
  plan.unary_request.set_locale(options.locale);
  *plan.stream_request.mutable_scorecard() = scorecard;
  plan.stream_request.set_locale(options.locale);
  int scorecards_per_call = 1;
  if (options.rpc == LoadRpc::kBatch) {
    if (options.batch_size <= 0) {
      return absl::InvalidArgumentError("batch_size must be positive");
    }
    for (int i = 0; i < options.batch_size; ++i) {
      *plan.batch_request.add_scorecards() = scorecard;
    }
    plan.batch_request.set_locale(options.locale);
    scorecards_per_call = options.batch_size;
  } else if (options.rpc == LoadRpc::kDocument) {
    if (options.document.empty() || options.document_scorecards <= 0) {
      return absl::InvalidArgumentError(
          "a document and its number of scorecards are required");
    }
    plan.document_request.set_document(options.document);
    plan.document_request.set_document_name("document.txt");
    plan.document_request.set_locale(options.locale);
    scorecards_per_call = options.document_scorecards;
  }
  const int64_t start = NowNanos();
  plan.measure_start = start + absl::ToInt64Nanoseconds(options.warmup);
  plan.end = plan.measure_start + absl::ToInt64Nanoseconds(options.duration);

  // Channels (and their slots or streams) go to workers round robin.
  std::vector<std::unique_ptr<Worker>> workers;
  const int worker_count = std::min(
      options.threads, options.rpc != LoadRpc::kStream
                           ? options.channels
                           : std::min(options.channels, options.streams));
  // Open loop: each worker offers rate × its share of the slots, with its
  // first call staggered so the workers interleave.
  std::vector<int> share(worker_count, 0);
  if (options.rpc != LoadRpc::kStream) {
    for (int c = 0; c < options.channels; ++c) {
      share[c % worker_count] += options.in_flight;
    }
  } else {
    for (int s = 0; s < options.streams; ++s) {
      share[(s % options.channels) % worker_count] += 1;
    }
  }
  const int total_share = options.rpc != LoadRpc::kStream
                              ? options.channels * options.in_flight
                              : options.streams;
  for (int w = 0; w < worker_count; ++w) {
    int64_t interval = 0;
    int64_t first = start;
    if (options.rate > 0) {
      const double worker_rate =
          options.rate * share[w] / static_cast<double>(total_share);
      interval = std::max<int64_t>(1, static_cast<int64_t>(1e9 / worker_rate));
      first = start + interval * w / worker_count;
    }
    workers.push_back(std::make_unique<Worker>(plan, first, interval));
  }
  if (options.rpc != LoadRpc::kStream) {
    for (int c = 0; c < options.channels; ++c) {
      workers[c % worker_count]->AddUnarySlots(stubs[c].get(),
                                               options.in_flight);
    }
  } else {
    for (int s = 0; s < options.streams; ++s) {
      const int c = s % options.channels;
      workers[c % worker_count]->AddStream(stubs[c].get());
    }
  }

  std::vector<std::thread> threads;
  for (const auto& worker : workers) {
    threads.emplace_back([w = worker.get()] { w->Run(); });
  }
  // CPU time over the window, sampled from this (otherwise idle) thread.
  absl::SleepFor(absl::Nanoseconds(plan.measure_start - NowNanos()));
  const absl::Duration cpu_start = ProcessCpuTime();
  absl::SleepFor(absl::Nanoseconds(plan.end - NowNanos()));
  const absl::Duration cpu_end = ProcessCpuTime();
  for (std::thread& thread : threads) thread.join();

  LoadResult result;
  result.scorecards_per_call = scorecards_per_call;
  result.window = options.duration;
  result.cpu = cpu_end - cpu_start;
  for (const auto& worker : workers) worker->AddTo(&result);
  return result;
}

}  // namespace scorecard::bench
