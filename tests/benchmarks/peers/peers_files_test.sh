#!/usr/bin/env bash
# Checks the peer comparison's files without running it (nothing from the
# network, no Cerbos needed): the Cerbos policy is what make_policy.py writes
# from the bundled rules; it and the Cerbos configuration are YAML of the
# shape Cerbos reads, and every variable or constant the policy's
# expressions use is defined; both requests encode with protoc from the
# project's protos and check_resources.proto, and decode to the seed unit's
# 21 indicators. Where run_peers.sh has installed Cerbos, `cerbos compile`
# checks the policies too. Under a second.
#
# Usage: peers_files_test.sh SOURCE_DIR   (ctest: peers_files)
set -euo pipefail
source_dir=$1
here="$source_dir/tests/benchmarks/peers"
python=/usr/bin/python3
if ! "$python" -c 'import yaml' 2> /dev/null; then
  # Debian's python3-yaml comes with scripts/install-deps.sh --test-tools.
  if [ "${CI:-}" = "true" ]; then
    echo "python3-yaml is not installed, and CI=true" >&2
    exit 1
  fi
  echo "python3-yaml is not installed: skipped" >&2
  exit 77
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$source_dir"

"$python" "$here/make_policy.py" rules/bundled/led-fy2563.yaml secretariat \
  > "$scratch/policy.yaml"
if ! diff -u "$here/cerbos/policies/scorecard.yaml" "$scratch/policy.yaml"; then
  echo "cerbos/policies/scorecard.yaml is not what make_policy.py writes from" \
       "the bundled rules: regenerate it (tests/benchmarks/peers/README.md)" >&2
  exit 1
fi
echo "peers: the policy is make_policy.py's output for the bundled rules"

"$python" - "$here/cerbos/policies/scorecard.yaml" "$here/cerbos/floor/scorecard.yaml" \
    "$here/cerbos/config.yaml" <<'PYTHON'
import re
import sys

import yaml

policy_path, floor_path, config_path = sys.argv[1:]
problems = []
for path in (policy_path, floor_path):
    with open(path, encoding="utf-8") as f:
        document = yaml.safe_load(f)
    policy = document.get("resourcePolicy", {})
    if document.get("apiVersion") != "api.cerbos.dev/v1" or \
            policy.get("resource") != "scorecard" or \
            [r.get("actions") for r in policy.get("rules", [])] != [["validate"]]:
        problems.append("%s: not one resource policy for scorecard/validate" % path)
    variables = policy.get("variables", {}).get("local", {})
    constants = policy.get("constants", {}).get("local", {})
    expressions = list(variables.values()) + [
        str(rule.get(key)) for rule in policy.get("rules", [])
        for key in ("condition", "output")]
    for expression in expressions:
        for kind, name in re.findall(r"\b([VC])\.([a-z_]+)", expression):
            if name not in (variables if kind == "V" else constants):
                problems.append("%s: %s.%s is used but not defined" %
                                (path, kind, name))
with open(config_path, encoding="utf-8") as f:
    config = yaml.safe_load(f)
if config.get("storage", {}).get("driver") != "disk" or \
        config.get("telemetry", {}).get("disabled") is not True:
    problems.append("%s: not a disk store with telemetry off" % config_path)
for problem in problems:
    print(problem, file=sys.stderr)
sys.exit(1 if problems else 0)
PYTHON
echo "peers: the policies and the configuration are YAML that Cerbos reads"

for digits in thai ascii; do
  "$python" "$here/seed_unit.py" scorecardd tests/data/led-fy2563-scores.txt \
      --digits="$digits" |
    protoc -Iproto -I/usr/include --encode=scorecard.v1.ValidateScorecardRequest \
      scorecard/v1/scorecard_service.proto |
    protoc -Iproto -I/usr/include --decode=scorecard.v1.ValidateScorecardRequest \
      scorecard/v1/scorecard_service.proto > "$scratch/scorecardd.txt"
  "$python" "$here/seed_unit.py" cerbos tests/data/led-fy2563-scores.txt \
      --digits="$digits" |
    protoc -I"$here/proto" -I/usr/include --encode=cerbos.svc.v1.CheckResourcesRequest \
      cerbos/svc/v1/check_resources.proto |
    protoc -I"$here/proto" -I/usr/include --decode=cerbos.svc.v1.CheckResourcesRequest \
      cerbos/svc/v1/check_resources.proto > "$scratch/cerbos.txt"
  entries=$(grep -c '^  entries {' "$scratch/scorecardd.txt" || true)
  indicators=$(grep -c 'key: "indicator"' "$scratch/cerbos.txt" || true)
  if [ "$entries" -ne 21 ] || [ "$indicators" -ne 21 ]; then
    echo "peers: the requests ($digits digits) carry $entries and $indicators" \
         "indicators, not the secretariat's 21" >&2
    exit 1
  fi
done
echo "peers: both requests encode, with the secretariat's 21 indicators"

cerbos="$here/node_modules/@cerbos/cerbos-linux-x64/cerbos-linux-x64"
if [ -x "$cerbos" ]; then
  CERBOS_NO_TELEMETRY=1 "$cerbos" compile "$here/cerbos/policies" > /dev/null
  CERBOS_NO_TELEMETRY=1 "$cerbos" compile "$here/cerbos/floor" > /dev/null
  echo "peers: cerbos compile accepts both policies"
else
  echo "peers: Cerbos is not installed here (run_peers.sh installs it): not compiled"
fi
