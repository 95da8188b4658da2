#!/usr/bin/python3
"""scorecardd observed from the outside, as an operator would.

Starts the real scorecardd with metrics, the decision log and the access log
on, makes validations through `buf curl` (which learns the schema by server
reflection: no --schema), and checks that
- /metrics, parsed with Debian's python3-prometheus-client parser, counts
  exactly the calls made, with the rule set's revision;
- the decision log holds exactly one line per validation, under the ids the
  responses returned, with the revision that judged them;
- `buf curl` calls grpc.health.v1.Health Check and Watch and lists every
  method, with no --schema;
- SIGHUP reopens the decision log after it was moved away, and SIGTERM
  drains with every line written.

Usage: scorecardd_observability_test.py BUILD_DIR SOURCE_DIR
Every wait is bounded (PATIENCE seconds).
"""

import json
import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

from prometheus_client.parser import text_string_to_metric_families

PATIENCE = 30.0

BUILD, SOURCE = sys.argv[1], sys.argv[2]
SCORECARDD = os.path.join(BUILD, "service", "scorecardd")
BUF = os.path.join(SOURCE, "tests", "tools", "node_modules", ".bin", "buf")
REQUEST = os.path.join(SOURCE, "tests", "data", "clients",
                       "seed-first-unit-request.json")
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message)


def wait_for(predicate, what):
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise SystemExit(f"gave up waiting for {what}")


def log_address(log_path, event):
    with open(log_path, encoding="utf-8") as log:
        for line in log:
            entry = json.loads(line)
            if entry.get("event") == event:
                return entry["address"]
    return None


def buf_curl(address, method, data, timeout=PATIENCE):
    """Calls `method` through buf curl; returns (exit code, stdout, stderr)."""
    result = subprocess.run(
        [BUF, "curl", "--protocol", "grpc", "--http2-prior-knowledge",
         "-d", data, f"http://{address}/{method}"],
        capture_output=True, text=True, timeout=timeout)
    return result.returncode, result.stdout, result.stderr


def samples(address):
    with urllib.request.urlopen(f"http://{address}/metrics",
                                timeout=PATIENCE) as response:
        text = response.read().decode("utf-8")
    found = []
    for family in text_string_to_metric_families(text):
        found.extend(family.samples)
    return found


def value(all_samples, name, **labels):
    matching = [s.value for s in all_samples if s.name == name and
                all(s.labels.get(k) == v for k, v in labels.items())]
    return matching[0] if len(matching) == 1 else None


def decision_lines(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as log:
        return [json.loads(line) for line in log if line.strip()]


def main():
    work = tempfile.mkdtemp(prefix="scorecard-observability-")
    decisions = os.path.join(work, "decisions.jsonl")
    log_path = os.path.join(work, "scorecardd.log")
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [SCORECARDD, f"--rules={SOURCE}/rules/bundled",
             "--listen=127.0.0.1:0", "--metrics_listen=127.0.0.1:0",
             f"--decision_log={decisions}", "--access_log",
             "--reload_poll_interval=0"],
            stdout=subprocess.DEVNULL, stderr=log)
    try:
        address = wait_for(lambda: log_address(log_path, "listening"),
                           "the listening line")
        metrics = wait_for(lambda: log_address(log_path, "metrics_listening"),
                           "the metrics_listening line")

        # N validations: the seed's first unit (valid, 4.9600) N - 1 times,
        # and once with a wrong declared total (invalid).
        with open(REQUEST, encoding="utf-8") as request_file:
            request = json.load(request_file)
        wrong = json.loads(json.dumps(request))
        wrong["scorecard"]["declaredTotal"] = "1.0000"
        n = 5
        ids = []
        revisions = set()
        for i in range(n):
            body = request if i < n - 1 else wrong
            code, out, err = buf_curl(
                address, "scorecard.v1.ScorecardService/ValidateScorecard",
                json.dumps(body, ensure_ascii=False))
            check(code == 0, f"buf curl exited {code}: {err}")
            if code != 0:
                continue
            response = json.loads(out)
            result = response["result"]
            check(result.get("valid", False) == (i < n - 1),
                  f"call {i}: valid is {result.get('valid')}")
            check(result["computedTotal"] == "4.9600",
                  f"call {i}: total {result['computedTotal']}")
            ids.append(response.get("decisionId", ""))
            revisions.add(result["ruleSetRevision"])
        check(len(set(ids)) == n and all(ids), f"decision ids: {ids}")
        check(len(revisions) == 1, f"revisions: {revisions}")
        revision = revisions.pop() if revisions else None

        # One refusal: an unknown rule set, which must not become a label.
        unknown = json.loads(json.dumps(request))
        unknown["scorecard"]["ruleSet"] = "made-up-by-a-caller"
        code, out, err = buf_curl(
            address, "scorecard.v1.ScorecardService/ValidateScorecard",
            json.dumps(unknown, ensure_ascii=False))
        check(code != 0 and "not_found" in (out + err).lower(),
              f"unknown rule set: exit {code}, {out} {err}")

        # Health through reflection alone: Check, and Watch's first message.
        code, out, err = buf_curl(address, "grpc.health.v1.Health/Check",
                                  '{"service": "scorecard.v1.ScorecardService"}')
        check(code == 0 and json.loads(out or "{}").get("status") == "SERVING",
              f"Health/Check: exit {code}, {out} {err}")
        watch = subprocess.Popen(
            [BUF, "curl", "--protocol", "grpc", "--http2-prior-knowledge",
             "-d", "{}", f"http://{address}/grpc.health.v1.Health/Watch"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            start_new_session=True)  # npm's buf is a wrapper: kill both.
        watched = ""
        deadline = time.monotonic() + PATIENCE
        while "SERVING" not in watched and time.monotonic() < deadline:
            ready, _, _ = select.select([watch.stdout], [], [], 0.5)
            if ready:
                chunk = os.read(watch.stdout.fileno(), 4096)
                if not chunk:
                    break
                watched += chunk.decode("utf-8", "replace")
        os.killpg(watch.pid, signal.SIGKILL)
        watch.communicate(timeout=PATIENCE)
        check('"SERVING"' in watched, f"Health/Watch printed {watched!r}")
        listed = subprocess.run(
            [BUF, "curl", "--list-methods", "--protocol", "grpc",
             "--http2-prior-knowledge",
             f"http://{address}"],
            capture_output=True, text=True, timeout=PATIENCE)
        for method in ("grpc.health.v1.Health/Check",
                       "grpc.health.v1.Health/Watch",
                       "scorecard.v1.ScorecardService/ValidateScorecard"):
            check(method in listed.stdout,
                  f"--list-methods lacks {method}: {listed.stdout} {listed.stderr}")

        # The metrics agree with the calls made. A call is counted once the
        # server has sent its status, which the client may see first: scrape
        # until the last calls are counted.
        service = "scorecard.v1.ScorecardService"

        def counted():
            found = samples(metrics)
            done = (value(found, "grpc_server_handling_seconds_count",
                          grpc_service=service,
                          grpc_method="ValidateScorecard") == n + 1 and
                    value(found, "grpc_server_handled_total",
                          grpc_service="grpc.health.v1.Health",
                          grpc_method="Check", grpc_code="OK") == 1)
            return found if done else None

        found = wait_for(counted, "every call counted in /metrics")
        check(value(found, "grpc_server_handled_total", grpc_service=service,
                    grpc_method="ValidateScorecard", grpc_type="unary",
                    grpc_code="OK") == n, "handled OK")
        check(value(found, "grpc_server_handled_total", grpc_service=service,
                    grpc_method="ValidateScorecard",
                    grpc_code="NotFound") == 1, "handled NotFound")
        check(value(found, "grpc_server_started_total", grpc_service=service,
                    grpc_method="ValidateScorecard") == n + 1, "started")
        check(value(found, "grpc_server_handling_seconds_count",
                    grpc_service=service,
                    grpc_method="ValidateScorecard") == n + 1, "histogram")
        check(value(found, "grpc_server_handled_total",
                    grpc_service="grpc.health.v1.Health", grpc_method="Check",
                    grpc_code="OK") == 1, "health counted")
        check(value(found, "scorecard_validations_total",
                    rule_set="led-fy2563", result="valid") == n - 1, "valid")
        check(value(found, "scorecard_validations_total",
                    rule_set="led-fy2563", result="invalid") == 1, "invalid")
        check(value(found, "scorecard_validations_total", rule_set="_unknown",
                    result="refused") == 1, "refused")
        check(not any("made-up-by-a-caller" in str(s.labels) for s in found),
              "a caller's rule set id became a label")
        check(value(found, "scorecard_violations_total", rule_set="led-fy2563",
                    code="VIOLATION_CODE_TOTAL_MISMATCH",
                    severity="error") == 1, "violations")
        check(value(found, "scorecard_rule_set_info", rule_set="led-fy2563",
                    revision=revision) == 1, "rule set info")
        check(value(found, "scorecard_rules_reloads_total",
                    result="loaded") == 1, "reloads")
        for name in ("process_resident_memory_bytes", "process_cpu_seconds_total",
                     "process_open_fds", "process_start_time_seconds"):
            check((value(found, name) or 0) > 0 or name == "process_cpu_seconds_total",
                  f"{name} missing")

        # Exactly one decision line per validation, with the right revision.
        lines = decision_lines(decisions)
        check(len(lines) == n, f"{len(lines)} decision lines, not {n}")
        check(sorted(l["decision_id"] for l in lines) == sorted(ids),
              "decision ids differ from the responses'")
        check(all(l["rule_set_revision"] == revision for l in lines),
              "a decision line has another revision")
        check(sum(l["verdict"] == "invalid" for l in lines) == 1, "verdicts")

        # logrotate's way: move the file, SIGHUP, and the next line goes to a
        # new file.
        os.rename(decisions, decisions + ".moved")
        server.send_signal(signal.SIGHUP)
        # Validate until a line lands in the new file (the reopen happens on
        # the signal thread, so the first calls may still go to the old one).
        wait_for(lambda:
                 buf_curl(address,
                          "scorecard.v1.ScorecardService/ValidateScorecard",
                          json.dumps(request, ensure_ascii=False))[0] == 0 and
                 os.path.exists(decisions) and
                 len(decision_lines(decisions)) >= 1,
                 "a decision line in the reopened file")
        moved_lines = decision_lines(decisions + ".moved")
        new_lines = decision_lines(decisions)
        check(len(moved_lines) >= n, "the moved file lost lines")
        check(len(new_lines) + len(moved_lines) - n >= 1 and len(new_lines) >= 1,
              "no line in the reopened file")

        # SIGTERM: drains, every line written, exit 0.
        before_exit = len(new_lines) + len(moved_lines)
        server.send_signal(signal.SIGTERM)
        check(server.wait(timeout=PATIENCE) == 0, "scorecardd did not exit 0")
        after = len(decision_lines(decisions)) + len(decision_lines(
            decisions + ".moved"))
        check(after == before_exit, f"lines after exit: {after}, {before_exit}")
        with open(log_path, encoding="utf-8") as log:
            access = [json.loads(l) for l in log
                      if '"event":"access"' in l]
        check(len([a for a in access if a["method"].endswith(
            "/ValidateScorecard")]) >= n + 1, "access log lines")
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(timeout=PATIENCE)
    if failures:
        print(f"0 passed, {len(failures)} failed")
        sys.exit(1)
    print("scorecardd observability: metrics, decision log, health and "
          "reflection through buf curl all agree")


main()
