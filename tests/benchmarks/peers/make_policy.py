#!/usr/bin/python3
"""Writes the Cerbos resource policy that checks one unit's scorecard.

The policy does in CEL what scorecardd's rules engine does for the unit as far
as CEL can express it (README.md in this folder says what is and is not
equivalent). Its facts (the unit's names, indicators, weights and titles, the
score scale, the fiscal year) come from the bundled rule set, so that the
policy and scorecardd judge by the same rules:

  make_policy.py rules/bundled/led-fy2563.yaml secretariat > policy.yaml

cerbos/policies/scorecard.yaml is this script's output for the secretariat;
check_peers_files.sh fails when the two drift apart.
"""

import os
import sys

import yaml

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"


def ascii_digits(expression):
    """A CEL expression: `expression` with Thai digits written as ASCII."""
    for value, digit in enumerate(THAI_DIGITS):
        expression += '.replace("%s", "%d")' % (digit, value)
    return expression


def sum_of(list_expression, count):
    """A CEL expression summing the first `count` items of a list.

    CEL has no fold, so the sum is spelled out; the caller guarantees the
    list has exactly `count` items (the policy checks it first)."""
    return " + ".join("%s[%d]" % (list_expression, i) for i in range(count))


def policy(rule_set, unit_id):
    unit = next((u for u in rule_set["units"] if u["id"] == unit_id), None)
    if unit is None:
        sys.exit("make_policy: no unit %r in rule set %r" % (unit_id, rule_set["id"]))
    scale = rule_set["score_scale"]
    decimals = int(scale["decimals"])
    if rule_set.get("rounding", "ROUNDING_HALF_UP") != "ROUNDING_HALF_UP":
        sys.exit("make_policy: only ROUNDING_HALF_UP is written in CEL")
    indicators = unit["indicators"]
    for indicator in indicators:
        if str(indicator["weight"]) != str(int(str(indicator["weight"]))):
            sys.exit("make_policy: weight %r of %s is not a whole number; the"
                     " policy only compares whole weights" %
                     (indicator["weight"], indicator["id"]))
    count = len(indicators)
    scaled = 10 ** decimals
    pad = "0" * decimals

    def scaled_number(expression):
        """A CEL expression: the decimal `expression` (ASCII digits) as an
        integer in units of 10^-decimals ("4.96" -> 49600, "5" -> 50000;
        decimals past the scale are dropped: the precision check reports
        them), or -1 when it is not a decimal number."""
        return ('cel.bind(t, %s, t.matches("^[0-9]+(\\\\.[0-9]+)?$") ? '
                'cel.bind(p, t.split("."), int(p[0]) * %d + (size(p) == 2 ? '
                'int((p[1] + "%s").substring(0, %d)) : 0)) : -1)' %
                (expression, scaled, pad, decimals))

    constants = {
        "rule_set": rule_set["id"],
        "fiscal_year": int(rule_set["fiscal_year"]),
        "unit_names": [unit["id"], unit["name"]] + list(unit.get("aliases", [])),
        "weights": {i["id"]: int(str(i["weight"])) * scaled for i in indicators},
        "titles": {i["id"]: " ".join(i["title"].split()) for i in indicators},
        "weight_total": int(str(rule_set["weight_total"])) * scaled,
        "score_min": int(str(scale["min"])) * scaled,
        "score_max": int(str(scale["max"])) * scaled,
    }
    # Variables are evaluated once per request, in this order, before the
    # rule's condition and output. Each check is one variable, so that the
    # output can name the ones that failed (scorecardd names its
    # violations): ok_* are errors (the scorecard is refused), warn_* are
    # warnings (reported; the scorecard stays valid), as in scorecardd.
    variables = {
        # The entries as the engine reads them: digits in ASCII, titles with
        # white space collapsed.
        "entries": "R.attr.entries.map(e, {"
                   '"indicator": %s, "score": %s, "weight": %s, '
                   '"title": regex.replace(e.title, "\\\\s+", " ").trim()})' %
                   (ascii_digits("e.indicator"), ascii_digits("e.score"),
                    ascii_digits("e.weight")),
        "indicators": "V.entries.map(e, e.indicator)",
        # Scores and weights as scaled integers; an empty weight is the
        # rule set's. (Constants are JSON numbers, so doubles in CEL: int()
        # before any arithmetic.)
        "scores": "V.entries.map(e, %s)" % scaled_number("e.score"),
        "weights": 'V.entries.map(e, e.weight == "" && e.indicator in C.weights ? '
                   "int(C.weights[e.indicator]) : %s)" % scaled_number("e.weight"),
        # The weights the total counts with: the rule set's, as in
        # scorecardd (0 for an indicator the rules do not know).
        "rule_weights": "V.entries.map(e, e.indicator in C.weights ? "
                        "int(C.weights[e.indicator]) : 0)",
        "complete": "size(V.entries) == %d" % count,
        "weight_sum": "V.complete ? %s : -1" % sum_of("V.weights", count),
        # Σ(score × weight) / Σ weight, rounded half up to the scale's
        # decimals, exactly (scaled integers), over the rule set's weights.
        "total": "V.complete && V.scores.all(s, s >= 0) ? "
                 "(2 * (%s) + %d) / %d : -1" %
                 (" + ".join("V.scores[%d] * V.rule_weights[%d]" % (i, i)
                             for i in range(count)),
                  constants["weight_total"], 2 * constants["weight_total"]),
        "total_text": 'V.total < 0 ? "" : string(V.total / %d) + "." + '
                      "string(%d + V.total %% %d).substring(1)" %
                      (scaled, scaled, scaled),
        "ok_unit": "R.attr.unit in C.unit_names",
        "ok_fiscal_year": "!has(R.attr.fiscal_year) || R.attr.fiscal_year == C.fiscal_year",
        "ok_known_indicators": "V.indicators.all(i, i in C.weights)",
        "ok_no_missing_indicator": "C.weights.all(i, i in V.indicators)",
        "ok_no_duplicate_indicator":
            "size(V.indicators.distinct()) == size(V.indicators)",
        "ok_numbers": "V.scores.all(s, s >= 0) && V.weights.all(w, w >= 0)",
        "ok_score_precision":
            'V.entries.all(e, !e.score.matches("\\\\.[0-9]{%d}[0-9]*[1-9]"))' % decimals,
        "ok_scores_in_range":
            "V.scores.all(s, s < 0 || (s >= C.score_min && s <= C.score_max))",
        "ok_weights": "lists.range(size(V.entries)).all(i, "
                      "!(V.entries[i].indicator in C.weights) || V.weights[i] < 0 || "
                      "V.weights[i] == C.weights[V.entries[i].indicator])",
        "ok_weight_total": "(!V.complete || V.weight_sum == C.weight_total) && "
                           "(!has(R.attr.declared_weight_total) || "
                           "%s == C.weight_total)" %
                           scaled_number(ascii_digits("R.attr.declared_weight_total")),
        "ok_total": "V.total >= 0 && %s == V.total" %
                    scaled_number(ascii_digits("R.attr.declared_total")),
        "warn_titles": 'V.entries.all(e, e.title == "" || !(e.indicator in C.titles) || '
                       "e.title == C.titles[e.indicator])",
    }
    errors = [name for name in variables if name.startswith("ok_")]
    warnings = [name for name in variables if name.startswith("warn_")]

    def names_of_failed(checks):
        return ("[%s].filter(c, !c[1]).map(c, c[0])" %
                ", ".join('["%s", V.%s]' % (name.split("_", 1)[1], name)
                          for name in checks))

    output = ('{"computed_total": V.total_text, "failed": %s, "warnings": %s}' %
              (names_of_failed(errors), names_of_failed(warnings)))
    return {
        "apiVersion": "api.cerbos.dev/v1",
        "description": "Checks the scorecard of unit %s under rule set %s "
                       "(generated by make_policy.py from the bundled rules)." %
                       (unit_id, rule_set["id"]),
        "resourcePolicy": {
            "version": "default",
            "resource": "scorecard",
            "constants": {"local": constants},
            "variables": {"local": variables},
            "rules": [{
                "name": "valid-scorecard",
                "actions": ["validate"],
                "effect": "EFFECT_ALLOW",
                "roles": ["*"],
                "condition": {"match": {"all": {"of": [
                    {"expr": "V." + name} for name in errors]}}},
                "output": {"when": {"ruleActivated": output,
                                    "conditionNotMet": output}},
            }],
        },
    }


def shown_path(path):
    """`path` relative to the source tree, so that the output is the same
    whichever folder the script runs from."""
    tree = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..")
    return os.path.relpath(os.path.abspath(path), os.path.abspath(tree))


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: make_policy.py RULE_FILE UNIT_ID")
    with open(sys.argv[1], encoding="utf-8") as rules:
        rule_set = yaml.safe_load(rules)
    sys.stdout.write("# Generated by tests/benchmarks/peers/make_policy.py from %s,"
                     " unit %s.\n# Do not edit: regenerate.\n" %
                     (shown_path(sys.argv[1]), sys.argv[2]))
    yaml.safe_dump(policy(rule_set, sys.argv[2]), sys.stdout,
                   allow_unicode=True, sort_keys=False, width=1000)


if __name__ == "__main__":
    main()
