#!/usr/bin/python3
"""Writes the two requests of the peer comparison, in protobuf text format.

Both carry the same unit of the seed document (tests/data/led-fy2563-scores.txt,
the first unit: the secretariat, 21 indicators):

  seed_unit.py scorecardd SEED [--digits=thai|ascii]   # ValidateScorecardRequest
  seed_unit.py cerbos SEED [--digits=thai|ascii]       # CheckResourcesRequest

Edits, applied in order, make the variants run_peers.sh sends to both servers
to check that they judge alike:
  --set=FIELD=VALUE            unit, declared_total, declared_weight_total,
                               fiscal_year (a number)
  --set=entries.N.FIELD=VALUE  indicator, title, score or weight of entry N
                               (0-based)
  --drop=N                     leaves entry N out

`protoc --encode` turns them into the messages h2load sends. The scorecardd
request is what the project's own benchmarks send (tests/benchmarks/
bench_data.cc reads the seed with the engine's reader): the cells as
published, trimmed, with their lines, rule set led-fy2563, full view. The
Cerbos request carries the same cells as resource attributes.

This reads only the seed's own layout (title, unit header, column header,
indicator rows, total row) and stops with an error on anything else; it is
benchmark plumbing, not a document reader (that is rules/document_reader.h).
"""

import sys

THAI_TO_ASCII = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def first_unit(path):
    """The first unit block of the seed: a dict of its cells and lines."""
    with open(path, encoding="utf-8") as seed:
        lines = seed.read().split("\n")
    unit = None
    for number, text in enumerate(lines, start=1):
        cells = [cell.strip() for cell in text.split("\t")]
        if unit is None:
            if cells[0] == "ตัวชี้วัด" and len(cells) > 1:
                unit = {"unit": cells[1], "line": number, "entries": []}
            elif text.startswith("สรุปผลคะแนน"):
                year = text.split("พ.ศ.")[-1].strip().translate(THAI_TO_ASCII)
                fiscal_year = int(year)
            continue
        if cells[0] == "" and cells[1:3] == ["รายละเอียดตัวชี้วัด", "คะแนนที่ได้"]:
            continue
        if cells[0].startswith("คะแนนที่ได้รับ"):
            unit["declared_total"] = cells[2]
            unit["declared_weight_total"] = cells[3]
            unit["declared_total_line"] = number
            unit["fiscal_year"] = fiscal_year
            return unit
        if len(cells) < 4 or not cells[0]:
            sys.exit("seed_unit: line %d is not an indicator row of the seed's"
                     " layout: %r" % (number, text))
        unit["entries"].append({"indicator": cells[0], "title": cells[1],
                                "score": cells[2], "weight": cells[3],
                                "line": number})
    sys.exit("seed_unit: %s has no complete unit block" % path)


def apply(unit, edit):
    """Applies one --set or --drop edit to `unit`."""
    if edit.startswith("--drop="):
        del unit["entries"][int(edit.split("=", 1)[1])]
        return
    path, new_value = edit[len("--set="):].split("=", 1)
    keys = path.split(".")
    if keys[0] == "entries" and len(keys) == 3 and \
            keys[2] in ("indicator", "title", "score", "weight"):
        unit["entries"][int(keys[1])][keys[2]] = new_value
    elif keys[0] == "fiscal_year" and len(keys) == 1:
        unit["fiscal_year"] = int(new_value)
    elif len(keys) == 1 and keys[0] in ("unit", "declared_total",
                                        "declared_weight_total"):
        unit[keys[0]] = new_value
    else:
        sys.exit("seed_unit: cannot edit %r" % path)


def quote(text):
    """A protobuf text-format string literal (UTF-8 kept as is)."""
    return '"%s"' % text.replace("\\", "\\\\").replace('"', '\\"')


def numbers_in_ascii(unit):
    for key in ("declared_total", "declared_weight_total"):
        unit[key] = unit[key].translate(THAI_TO_ASCII)
    for entry in unit["entries"]:
        for key in ("indicator", "score", "weight"):
            entry[key] = entry[key].translate(THAI_TO_ASCII)


def scorecardd_request(unit):
    out = ["scorecard {", '  rule_set: "led-fy2563"',
           "  unit: %s" % quote(unit["unit"])]
    for entry in unit["entries"]:
        out.append("  entries { indicator: %s title: %s score: %s weight: %s"
                   " line: %d }" % (quote(entry["indicator"]), quote(entry["title"]),
                                    quote(entry["score"]), quote(entry["weight"]),
                                    entry["line"]))
    out += ["  declared_total: %s" % quote(unit["declared_total"]),
            "  declared_weight_total: %s" % quote(unit["declared_weight_total"]),
            "  line: %d" % unit["line"],
            "  declared_total_line: %d" % unit["declared_total_line"],
            "  fiscal_year: %d" % unit["fiscal_year"], "}",
            "view: RESULT_VIEW_FULL"]
    return "\n".join(out) + "\n"


def value(python_value):
    """A google.protobuf.Value in text format."""
    if isinstance(python_value, str):
        return "{ string_value: %s }" % quote(python_value)
    if isinstance(python_value, int):
        return "{ number_value: %d }" % python_value
    if isinstance(python_value, list):
        return "{ list_value { %s } }" % " ".join(
            "values %s" % value(item) for item in python_value)
    if isinstance(python_value, dict):
        return "{ struct_value { %s } }" % " ".join(
            "fields { key: %s value %s }" % (quote(key), value(item))
            for key, item in python_value.items())
    raise TypeError(python_value)


def cerbos_request(unit):
    attributes = {
        "rule_set": "led-fy2563",
        "unit": unit["unit"],
        "fiscal_year": unit["fiscal_year"],
        "declared_total": unit["declared_total"],
        "declared_weight_total": unit["declared_weight_total"],
        "line": unit["line"],
        "declared_total_line": unit["declared_total_line"],
        "entries": unit["entries"],
    }
    out = ['request_id: "peer-benchmark"',
           'principal { id: "agency" roles: "agency" }',
           "resources {", '  actions: "validate"',
           '  resource { kind: "scorecard" id: "secretariat"']
    for key, item in attributes.items():
        out.append("    attr { key: %s value %s }" % (quote(key), value(item)))
    out += ["  }", "}"]
    return "\n".join(out) + "\n"


def main():
    arguments = sys.argv[1:]
    digits = "thai"
    edits = []
    for argument in list(arguments):
        if argument.startswith("--digits="):
            digits = argument.split("=", 1)[1]
            arguments.remove(argument)
        elif argument.startswith(("--set=", "--drop=")):
            edits.append(argument)
            arguments.remove(argument)
    if len(arguments) != 2 or arguments[0] not in ("scorecardd", "cerbos") or \
            digits not in ("thai", "ascii"):
        sys.exit("usage: seed_unit.py scorecardd|cerbos SEED [--digits=thai|ascii]"
                 " [--set=FIELD=VALUE] [--drop=N]...")
    unit = first_unit(arguments[1])
    if digits == "ascii":
        numbers_in_ascii(unit)
    for edit in edits:
        apply(unit, edit)
    write = scorecardd_request if arguments[0] == "scorecardd" else cerbos_request
    sys.stdout.write(write(unit))


if __name__ == "__main__":
    main()
