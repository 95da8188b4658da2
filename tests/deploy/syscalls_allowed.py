#!/usr/bin/env python3
"""Checks that a traced scorecardd used only system calls its unit allows.

Usage: syscalls_allowed.py UNIT STRACE_LOG PROGRAM

UNIT's SystemCallFilter= lines (an allow list first, then ~ deny lists and
allow lists, each taking its calls out of or back into the set, in order,
as systemd applies them) are expanded with `systemd-analyze syscall-filter`;
STRACE_LOG is `strace -f -qq -o` output of a run in which PROGRAM was
exec'd. Every system call made from that exec on must be allowed. Prints
the calls seen; exits 1 naming any that the filter would refuse.
"""
import re
import subprocess
import sys


def expand(name, seen=None):
    """Returns the system calls of a set ("@system-service") or one call."""
    if not name.startswith("@"):
        return {name}
    seen = seen if seen is not None else set()
    if name in seen:
        return set()
    seen.add(name)
    out = subprocess.run(["systemd-analyze", "syscall-filter", name],
                         check=True, capture_output=True, text=True).stdout
    calls = set()
    for line in out.splitlines()[1:]:
        line = line.strip()
        if line and not line.startswith("#"):
            calls |= expand(line, seen)
    return calls


def main():
    unit, log, program = sys.argv[1:4]
    permitted = set()
    for line in open(unit):
        match = re.match(r"SystemCallFilter=(~?)(.*)", line.strip())
        if not match:
            continue
        names = set()
        for name in match.group(2).split():
            names |= expand(name)
        if match.group(1):
            permitted -= names
        else:
            permitted |= names
    used = set()
    started = False
    for line in open(log):
        if not started:
            started = re.match(r"\d+ +execve\(\"" + re.escape(program) + '"',
                               line) is not None
            continue
        match = re.match(r"\d+ +([a-z0-9_]+)\(", line)
        if match:
            used.add(match.group(1))
    if not started:
        print(f"no execve of {program} in {log}", file=sys.stderr)
        return 1
    print("system calls used:", " ".join(sorted(used)))
    refused = sorted(used - permitted)
    if refused:
        print("refused by the unit's SystemCallFilter=:", " ".join(refused),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
