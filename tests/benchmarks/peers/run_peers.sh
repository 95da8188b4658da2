#!/usr/bin/env bash
# Compares scorecardd's ValidateScorecard throughput with Cerbos's
# CheckResources on a CEL policy doing the same checks, under the same h2load
# client on the same machine, alternately; prints calls per second of every
# round, each server's CPU per call, and the ratio scorecardd / Cerbos.
# README.md in this folder says what the two do alike and what not.
#
# Usage: tests/benchmarks/peers/run_peers.sh [--quick] [--rounds=N]
#          [--duration=SECONDS] [--connections=N] [--streams=N]
#          [--digits=thai|ascii] [--no-pin] [--with-floor] [--with-refused]
#   (default)  3 rounds x 10 s per server, 4 connections x 32 streams
#   --quick    a smoke run: 1 round x 2 s, no warm-up
#   --digits   the seed's Thai digits as published (default), or ASCII
#   --no-pin   do not pin servers and client to cores
#   --with-floor  also measure Cerbos on a policy without conditions
#              (cerbos/floor/): what Cerbos costs before any CEL runs
#   --with-refused  also send scorecardd the same request naming a rule set
#              it does not hold: received, parsed, looked up and refused
#              (NOT_FOUND), the floor ValidateScorecard is measured against
#
# Installs what it needs: Debian's nghttp2-client (h2load), python3-grpcio,
# python3-yaml and protoc with apt-get when missing (as root); Cerbos from npm,
# pinned by package-lock.json, into node_modules/ here (git-ignored).
# Builds scorecardd in SCORECARD_BUILD_DIR (default build/), which must be a
# Release build; writes its request bodies and server logs to
# SCORECARD_BUILD_DIR/peers/.
#
# On two or more cores both servers run pinned to the last core and h2load to
# the one before (taskset): only the server being measured loads that core,
# and the client never competes with it (other processes on the machine still
# may; the CPU per call printed beside calls/s depends less on them). Cerbos
# (Go) then sizes GOMAXPROCS to that one core, as scorecardd's gRPC threads
# share it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tree="$(cd "$here/../../.." && pwd)"
cd "$tree"

rounds=3 duration=10 warmup=2 connections=4 streams=32 digits=thai pin=true
with_floor=false with_refused=false
for argument in "$@"; do
  case "$argument" in
    --quick) rounds=1 duration=2 warmup=0 ;;
    --rounds=*) rounds="${argument#*=}" ;;
    --duration=*) duration="${argument#*=}" ;;
    --connections=*) connections="${argument#*=}" ;;
    --streams=*) streams="${argument#*=}" ;;
    --digits=thai | --digits=ascii) digits="${argument#*=}" ;;
    --no-pin) pin=false ;;
    --with-floor) with_floor=true ;;
    --with-refused) with_refused=true ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "run_peers: unknown argument '$argument' (see --help)" >&2; exit 2 ;;
  esac
done
for number in "$rounds" "$duration" "$connections" "$streams"; do
  if ! [[ "$number" =~ ^[1-9][0-9]*$ ]]; then
    echo "run_peers: '$number' is not a positive whole number" >&2
    exit 2
  fi
done

# The Python of Debian's packages (python3-grpcio, python3-yaml), whatever
# python3 comes first on PATH.
python=/usr/bin/python3

# --- what it needs ----------------------------------------------------------
install_debian() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2> /dev/null |
      grep -q 'install ok installed' || missing+=("$package")
  done
  [ "${#missing[@]}" -eq 0 ] && return
  if [ "$(id -u)" -ne 0 ]; then
    echo "run_peers: missing Debian packages: ${missing[*]}; run as root" >&2
    exit 1
  fi
  echo "run_peers: installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    "${missing[@]}" || {
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      "${missing[@]}"
  }
}
debian_packages=(nghttp2-client python3-grpcio python3-yaml protobuf-compiler libprotobuf-dev)
command -v npm > /dev/null || debian_packages+=(npm)
install_debian "${debian_packages[@]}"
cerbos="$here/node_modules/@cerbos/cerbos-linux-x64/cerbos-linux-x64"
if [ ! -x "$cerbos" ]; then
  echo "run_peers: installing Cerbos from npm (package-lock.json)"
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund)
fi

build_dir="${SCORECARD_BUILD_DIR:-build}"
if [ ! -f "$build_dir/build.ninja" ]; then
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
build_type="$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build_dir/CMakeCache.txt")"
if [ "$build_type" != Release ]; then
  echo "run_peers: $build_dir is a '${build_type:-default}' build; figures" \
       "need Release (set SCORECARD_BUILD_DIR to a Release build folder)" >&2
  exit 1
fi
cmake --build "$build_dir" --target scorecardd
scorecardd="$build_dir/service/scorecardd"
work="$build_dir/peers"
mkdir -p "$work"

# --- the policy and the requests ---------------------------------------------
policy="$here/cerbos/policies/scorecard.yaml"
if ! cmp -s "$policy" <("$python" "$here/make_policy.py" \
    rules/bundled/led-fy2563.yaml secretariat); then
  echo "run_peers: $policy is not what make_policy.py writes from the bundled" \
       "rules; regenerate it (README.md)" >&2
  exit 1
fi
CERBOS_NO_TELEMETRY=1 "$cerbos" compile "$here/cerbos/policies" > /dev/null

seed=tests/data/led-fy2563-scores.txt
frame() {  # stdin: a serialized message; stdout: it as one gRPC message
  "$python" -c 'import struct, sys
data = sys.stdin.buffer.read()
sys.stdout.buffer.write(b"\0" + struct.pack(">I", len(data)) + data)'
}
encode_scorecardd() {  # extra seed_unit.py flags
  "$python" "$here/seed_unit.py" scorecardd "$seed" --digits="$digits" "$@" |
    protoc -Iproto -I/usr/include \
      --encode=scorecard.v1.ValidateScorecardRequest \
      scorecard/v1/scorecard_service.proto | frame
}
encode_cerbos() {
  "$python" "$here/seed_unit.py" cerbos "$seed" --digits="$digits" "$@" |
    protoc -I"$here/proto" -I/usr/include \
      --encode=cerbos.svc.v1.CheckResourcesRequest \
      cerbos/svc/v1/check_resources.proto | frame
}
encode_scorecardd > "$work/scorecardd.body"
# The same request (same bytes but for the id's length) for a rule set
# scorecardd does not hold.
"$python" "$here/seed_unit.py" scorecardd "$seed" --digits="$digits" |
  sed 's/^  rule_set: "led-fy2563"$/  rule_set: "no-such-rules"/' |
  protoc -Iproto -I/usr/include \
    --encode=scorecard.v1.ValidateScorecardRequest \
    scorecard/v1/scorecard_service.proto | frame > "$work/refused.body"
encode_cerbos > "$work/cerbos.body"
decode_scorecardd() {
  protoc -Iproto -I/usr/include \
    --decode=scorecard.v1.ValidateScorecardResponse scorecard/v1/scorecard_service.proto
}
decode_cerbos() {
  protoc -I"$here/proto" -I/usr/include \
    --decode=cerbos.svc.v1.CheckResourcesResponse cerbos/svc/v1/check_resources.proto
}

# --- the servers -------------------------------------------------------------
ncpu="$(nproc)"
server_cpus="" client_cpus=""
if $pin && [ "$ncpu" -ge 2 ]; then
  server_cpus="taskset -c $((ncpu - 1))"
  client_cpus="taskset -c $((ncpu - 2))"
fi
free_port() {
  "$python" -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# Each server by name: its port, process, method and request body.
declare -A port pid method body
servers=(scorecardd cerbos)
$with_floor && servers+=(cerbos-floor)
$with_refused && servers+=(refused)
pids=()
stop_servers() {
  for server_pid in "${pids[@]}"; do kill "$server_pid" 2> /dev/null || true; done
  for server_pid in "${pids[@]}"; do wait "$server_pid" 2> /dev/null || true; done
}
trap stop_servers EXIT

port[scorecardd]="$(free_port)"
method[scorecardd]=/scorecard.v1.ScorecardService/ValidateScorecard
body[scorecardd]="$work/scorecardd.body"
$server_cpus "$scorecardd" --rules=rules/bundled \
  --listen="127.0.0.1:${port[scorecardd]}" --reload_poll_interval=0 \
  > "$work/scorecardd.log" 2>&1 &
pid[scorecardd]=$!
pids+=("${pid[scorecardd]}")
start_cerbos() {  # NAME POLICY_FOLDER
  port[$1]="$(free_port)"
  method[$1]=/cerbos.svc.v1.CerbosService/CheckResources
  body[$1]="$work/cerbos.body"
  CERBOS_NO_TELEMETRY=1 $server_cpus "$cerbos" server \
    --config="$here/cerbos/config.yaml" --log-level=warn \
    --set=storage.disk.directory="$2" \
    --set=server.grpcListenAddr="127.0.0.1:${port[$1]}" \
    --set=server.httpListenAddr="127.0.0.1:$(free_port)" \
    > "$work/$1.log" 2>&1 &
  pid[$1]=$!
  pids+=("${pid[$1]}")
}
# "refused" is scorecardd itself, sent the request it refuses.
port[refused]="${port[scorecardd]}"
pid[refused]="${pid[scorecardd]}"
method[refused]="${method[scorecardd]}"
body[refused]="$work/refused.body"
start_cerbos cerbos "$here/cerbos/policies"
$with_floor && start_cerbos cerbos-floor "$here/cerbos/floor"

call() {  # NAME BODY: one call through a real gRPC client, response on stdout
  "$python" "$here/grpc_call.py" "127.0.0.1:${port[$1]}" "${method[$1]}" "$2"
}
wait_until_serving() {  # NAME: at most 30 s
  local deadline=$((SECONDS + 30))
  until call "$1" "${body[$1]}" > /dev/null 2>&1; do
    if ! kill -0 "${pid[$1]}" 2> /dev/null || [ "$SECONDS" -ge "$deadline" ]; then
      echo "run_peers: $1 did not start serving; its log:" >&2
      tail -n 20 "$work/$1.log" >&2
      exit 1
    fi
    sleep 0.2
  done
}
for server in "${servers[@]}"; do
  [ "$server" = refused ] || wait_until_serving "$server"
done

# --- both answer, and alike ---------------------------------------------------
expect() {  # WHAT FILE PATTERN...: every pattern is a line of FILE
  local what="$1" file="$2"
  shift 2
  for pattern in "$@"; do
    if ! grep -Eq -- "$pattern" "$file"; then
      echo "run_peers: $what: no line matching '$pattern' in the answer:" >&2
      cat "$file" >&2
      exit 1
    fi
  done
}
call scorecardd "$work/scorecardd.body" | decode_scorecardd > "$work/scorecardd.answer"
call cerbos "$work/cerbos.body" | decode_cerbos > "$work/cerbos.answer"
expect "scorecardd, the seed unit" "$work/scorecardd.answer" \
  '^ *valid: true$' '^ *computed_total: "4.9600"$'
[ "$(grep -c '^  contributions {' "$work/scorecardd.answer")" -eq 21 ] ||
  { echo "run_peers: scorecardd did not judge 21 indicators" >&2; exit 1; }
expect "Cerbos, the seed unit" "$work/cerbos.answer" \
  '^ *value: EFFECT_ALLOW$' '^ *string_value: "4.9600"$'
# The output's lists of failed checks and warnings are empty: its only
# string is the total.
[ "$(grep -c 'string_value:' "$work/cerbos.answer")" -eq 1 ] ||
  { echo "run_peers: Cerbos allowed the seed unit but named failed checks" >&2
    cat "$work/cerbos.answer" >&2; exit 1; }
if $with_refused; then
  if call refused "$work/refused.body" > /dev/null 2> "$work/refused.answer"; then
    echo "run_peers: scorecardd accepted the request meant to be refused" >&2
    exit 1
  fi
  expect "scorecardd, an unknown rule set" "$work/refused.answer" 'NOT_FOUND'
fi
if $with_floor; then
  call cerbos-floor "$work/cerbos.body" | decode_cerbos > "$work/cerbos-floor.answer"
  expect "Cerbos without conditions" "$work/cerbos-floor.answer" '^ *value: EFFECT_ALLOW$'
fi

# The seed unit and edited copies of it, each sent to both servers: the two
# must agree on every verdict (valid = EFFECT_ALLOW), and on the computed
# total of every valid one. Edits are seed_unit.py's (--set, --drop).
cases=(
  "as published|"
  "score 6 (out of range)|--set=entries.0.score=6.0000"
  "score 5 (no decimals)|--set=entries.0.score=5"
  "score 4.99995 (imprecise)|--set=entries.0.score=4.99995"
  "score 5.0o00 (not a number)|--set=entries.0.score=5.0o00"
  "score 4, declared 4.8600|--set=entries.0.score=4.0000 --set=declared_total=4.8600"
  "declared total 4.96|--set=declared_total=4.96"
  "declared total 4.9700|--set=declared_total=4.9700"
  "weight 10.0|--set=entries.0.weight=10.0"
  "weight empty|--set=entries.0.weight="
  "weight 12|--set=entries.0.weight=12"
  "declared weight total 99|--set=declared_weight_total=99"
  "another title|--set=entries.0.title=ร้อยละความพึงพอใจ"
  "indicator 1.1 twice|--set=entries.1.indicator=1.1"
  "indicator 9.9|--set=entries.1.indicator=9.9"
  "indicator 7.2 left out|--drop=20"
  "unit the rules do not know|--set=unit=กองที่ไม่มี"
  "unit by its alias|--set=unit=สลก."
  "fiscal year 2564|--set=fiscal_year=2564"
)
scorecardd_verdict() {  # ANSWER: "valid|invalid TOTAL CODES"
  local verdict=invalid
  grep -q '^  valid: true$' "$1" && verdict=valid
  echo "$verdict $(sed -n 's/^  computed_total: "\(.*\)"$/\1/p' "$1" | grep . || echo -)" \
       "$(grep -o 'VIOLATION_CODE_[A-Z_]*' "$1" | sed 's/VIOLATION_CODE_//' |
          sort -u | paste -sd, | grep . || echo -)"
}
cerbos_verdict() {  # ANSWER: "valid|invalid TOTAL FAILED[;warnings:...]"
  local verdict=invalid
  grep -q '^ *value: EFFECT_ALLOW$' "$1" && verdict=valid
  awk -v verdict="$verdict" '
    /key: "(computed_total|failed|warnings)"/ { key = $2; gsub(/"/, "", key); next }
    /string_value:/ { value = $0; sub(/.*string_value: "/, "", value); sub(/"$/, "", value)
                      found[key] = found[key] (found[key] == "" ? "" : ",") value }
    END { total = found["computed_total"] == "" ? "-" : found["computed_total"]
          named = found["failed"] == "" ? "-" : found["failed"]
          if (found["warnings"] != "") named = named ";warnings:" found["warnings"]
          print verdict, total, named }' "$1"
}
echo "== both judge alike (one call each per case, python3-grpcio; digits: $digits)"
printf '%-32s %-34s %s\n' case "scorecardd: verdict total codes" \
  "Cerbos: verdict total failed checks"
disagreements=0
for case in "${cases[@]}"; do
  name="${case%%|*}"
  read -r -a edits <<< "${case#*|}"
  encode_scorecardd "${edits[@]}" > "$work/case.scorecardd.body"
  encode_cerbos "${edits[@]}" > "$work/case.cerbos.body"
  call scorecardd "$work/case.scorecardd.body" | decode_scorecardd > "$work/case.scorecardd.answer"
  call cerbos "$work/case.cerbos.body" | decode_cerbos > "$work/case.cerbos.answer"
  read -r s_verdict s_total s_codes <<< "$(scorecardd_verdict "$work/case.scorecardd.answer")"
  read -r c_verdict c_total c_failed <<< "$(cerbos_verdict "$work/case.cerbos.answer")"
  mark=""
  if [ "$s_verdict" != "$c_verdict" ] ||
      { [ "$s_verdict" = valid ] && [ "$s_total" != "$c_total" ]; }; then
    mark="  <- DISAGREE"
    disagreements=$((disagreements + 1))
  fi
  printf '%-32s %-34s %s%s\n' "$name" "$s_verdict $s_total $s_codes" \
    "$c_verdict $c_total $c_failed" "$mark"
done
if [ "$disagreements" -ne 0 ]; then
  echo "run_peers: scorecardd and Cerbos disagree on $disagreements case(s):" \
       "the policy does not do what scorecardd does" >&2
  exit 1
fi
echo "request bytes: scorecardd $(($(wc -c < "$work/scorecardd.body") - 5))," \
     "Cerbos $(($(wc -c < "$work/cerbos.body") - 5));" \
     "response bytes: scorecardd $(call scorecardd "$work/scorecardd.body" | wc -c)," \
     "Cerbos $(call cerbos "$work/cerbos.body" | wc -c)"

# --- h2load, alternately ------------------------------------------------------
cpu_ticks() {  # PID: user + system clock ticks so far
  awk '{print $14 + $15}' "/proc/$1/stat"
}
ticks_per_second="$(getconf CLK_TCK)"
h2load_run() {  # NAME SECONDS: prints "calls_per_second cpu_us_per_call"
  local name="$1" seconds="$2" before after output
  before="$(cpu_ticks "${pid[$name]}")"
  output="$($client_cpus h2load -c "$connections" -m "$streams" -t 1 \
    -D "$seconds" -d "${body[$name]}" \
    -H 'content-type: application/grpc' -H 'te: trailers' \
    "http://127.0.0.1:${port[$name]}${method[$name]}" 2>&1)" || {
    echo "run_peers: h2load against $name failed:" >&2
    echo "$output" >&2
    exit 1
  }
  after="$(cpu_ticks "${pid[$name]}")"
  echo "$output" > "$work/$name.h2load"
  # h2load counts HTTP 2xx as success; a gRPC error is also 200, which is
  # why the bodies were checked with a real client above.
  local done failed errored rate
  read -r done failed errored < <(sed -n \
    's/^requests: .* \([0-9]*\) done, [0-9]* succeeded, \([0-9]*\) failed, \([0-9]*\) errored.*/\1 \2 \3/p' \
    <<< "$output")
  rate="$(sed -n 's/^finished in [0-9.]*s, \([0-9.]*\) req\/s.*/\1/p' <<< "$output")"
  if [ -z "$rate" ] || [ "${failed:-1}" -ne 0 ] || [ "${errored:-1}" -ne 0 ] ||
      [ "${done:-0}" -eq 0 ]; then
    echo "run_peers: h2load against $name: ${failed:-?} failed," \
         "${errored:-?} errored:" >&2
    echo "$output" >&2
    exit 1
  fi
  awk -v r="$rate" -v n="$done" -v t=$((after - before)) -v hz="$ticks_per_second" \
    'BEGIN { printf "%.0f %.1f\n", r, t / hz * 1e6 / n }'
}

echo
echo "== machine"
echo "cpus: $ncpu; cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | sort -u | paste -sd';')"
echo "pinning: ${server_cpus:-none} for the servers, ${client_cpus:-none} for h2load"
echo "source: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(
  [ -z "$(git status --porcelain 2>/dev/null)" ] || echo ' (with uncommitted changes)')"
echo "cerbos: $("$cerbos" --version | head -n 1); $(h2load --version | head -n 1)"
echo "load average before (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "== h2load -c $connections -m $streams -t 1 -D $duration, $rounds round(s), alternating"
if [ "$warmup" -gt 0 ]; then
  for server in "${servers[@]}"; do h2load_run "$server" "$warmup" > /dev/null; done
fi
# One line per round: calls/s and CPU µs per call of each server, in the
# order of $servers.
results="$work/rounds.txt"
: > "$results"
header="$(printf '%-7s' round)"
for server in "${servers[@]}"; do header+="$(printf ' %14s %9s' "$server/s" "CPU µs")"; done
echo "$header$(printf ' %9s' ratio)"
declare -A rate cpu
row_format='{ line = sprintf("%-7s", $1)
  for (k = 2; k <= NF; k++) line = line sprintf(k % 2 ? " %9.1f" : " %14d", $k)
  print line sprintf(" %9.2f", $2 / $4) }'
for round in $(seq 1 "$rounds"); do
  # The order alternates, so that no server always runs right after another.
  order=("${servers[@]}")
  if [ $((round % 2)) -eq 0 ]; then
    order=()
    for ((i = ${#servers[@]} - 1; i >= 0; i--)); do order+=("${servers[i]}"); done
  fi
  for server in "${order[@]}"; do
    measured="$(h2load_run "$server" "$duration")"
    read -r "rate[$server]" "cpu[$server]" <<< "$measured"
  done
  line="$round"
  for server in "${servers[@]}"; do line+=" ${rate[$server]} ${cpu[$server]}"; done
  echo "$line" >> "$results"
  awk "$row_format" <<< "$line"
done
# Columns of $results: 1 round, then per server rate and CPU; the ratio is
# scorecardd's rate (column 2) over Cerbos's (column 4), per round.
awk -v n="${#servers[@]}" -v names="${servers[*]}" '
  BEGIN { split(names, name, " ") }
  function median(values, count,    sorted, i, j, t) {
    for (i = 1; i <= count; i++) sorted[i] = values[i]
    for (i = 2; i <= count; i++)
      for (j = i; j > 1 && sorted[j - 1] > sorted[j]; j--) {
        t = sorted[j]; sorted[j] = sorted[j - 1]; sorted[j - 1] = t }
    return count % 2 ? sorted[(count + 1) / 2] \
                     : (sorted[count / 2] + sorted[count / 2 + 1]) / 2
  }
  {
    for (k = 2; k <= 2 * n + 1; k++) column[k, NR] = $k
    ratio[NR] = $2 / $4
  }
  END {
    line = sprintf("%-7s", "median")
    for (k = 2; k <= 2 * n + 1; k++) {
      for (r = 1; r <= NR; r++) values[r] = column[k, r]
      med[k] = median(values, NR)
      line = line sprintf(k % 2 ? " %9.1f" : " %14d", med[k])
    }
    r = median(ratio, NR)
    print line sprintf(" %9.2f", r)
    printf "\nscorecardd / Cerbos, calls per second: %.2f (median of the rounds'"'"' ratios)\n", r
    printf "Cerbos / scorecardd, server CPU per call: %.2f (medians)\n", med[5] / med[3]
    for (k = 3; k <= n; k++) {
      if (name[k] == "cerbos-floor")
        printf "scorecardd / Cerbos without conditions, calls per second: %.2f (medians)\n", med[2] / med[2 * k]
      if (name[k] == "refused")
        printf "scorecardd / the same request refused, calls per second: %.3f (medians; goal >= 0.90); server CPU per call: %.1f / %.1f us\n", med[2] / med[2 * k], med[3], med[2 * k + 1]
    }
  }' "$results"
echo "load average after (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
