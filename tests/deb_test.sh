#!/usr/bin/env bash
# The Debian package: `cpack -G DEB` builds scorecard_<version>_amd64.deb with
# its library dependencies; `apt-get install ./scorecard_*.deb` on this machine
# installs the programs, the rules (/usr/share and, as conffiles, /etc), the
# systemd unit and the scorecard system user; the unit verifies and scores
# 2.0 or lower on `systemd-analyze security`; scorecardd starts from the
# unit's own command line as the scorecard user (or as the service, where
# systemd is PID 1), serves health SERVING, validates the example, reloads on
# SIGHUP and drains on SIGTERM; `apt-get purge` leaves nothing behind.
#
# It changes this machine (as root): a scorecard package already installed
# is purged first. Without root or apt-get it is skipped (exit 77).
# Usage: deb_test.sh BUILD_DIR SOURCE_DIR VERSION
set -euo pipefail
build_dir=$1
source_dir=$2
version=$3
TEST_NAME=deb_test
. "$source_dir/tests/testing/scorecardd.sh"
example="$source_dir/docs/examples/led-fy2563-scores.txt"
unit=/lib/systemd/system/scorecardd.service

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get > /dev/null; then
  echo "deb_test: needs root and apt-get; skipped"
  exit 77
fi
unset SCORECARD_RULES
# One run at a time on this machine (other worktrees' suites run it too).
exec 9> /var/lock/scorecard-deb-test.lock
flock --wait 1200 9 || fail "another deb test held the lock for 20 minutes"
work=$(mktemp -d)
chmod 755 "$work"   # apt's sandbox user reads the .deb from here
server=
apt_get() {
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -y -q "$@"
}
tracer=
cleanup() {
  # scorecardd first, then its tracer once it has gone (bounded).
  if [ -n "$server" ]; then
    kill -KILL "$server" 2> /dev/null || true
    for _ in $(seq 1 50); do kill -0 "$server" 2> /dev/null || break; sleep 0.1; done
  fi
  if [ -n "$tracer" ]; then kill -KILL "$tracer" 2> /dev/null || true; fi
  if dpkg-query -W -f='${Status}' scorecard 2> /dev/null | grep -q installed; then
    apt_get purge scorecard > /dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# The package.
cpack --config "$build_dir/CPackConfig.cmake" -G DEB -B "$work/out" \
  > "$work/cpack.log" 2>&1 || fail "cpack failed: $(cat "$work/cpack.log")"
deb="$work/out/scorecard_${version}_amd64.deb"
[ -f "$deb" ] || fail "no $deb: $(ls "$work/out")"
depends=$(dpkg-deb -f "$deb" Depends)
for library in libgrpc++1.51 libprotobuf32 libabsl20220623 libyaml-0-2 adduser; do
  grep -q "$library" <<< "$depends" || fail "Depends lacks $library: $depends"
done
echo "built $(basename "$deb") ($(stat -c %s "$deb") bytes); Depends: $depends"

if dpkg-query -W -f='${Status}' scorecard 2> /dev/null | grep -q installed; then
  echo "deb_test: purging the scorecard package already installed"
  apt_get purge scorecard > /dev/null
fi

# Install.
apt_get install "$deb" > "$work/install.log" 2>&1 ||
  fail "apt-get install failed: $(cat "$work/install.log")"
dpkg-query -L scorecard | sort > "$work/files"
for file in /usr/bin/scorecardd /usr/bin/scorecardctl "$unit" \
    /usr/share/scorecard/rules/led-fy2563.yaml /etc/scorecard/rules/led-fy2563.yaml \
    /etc/default/scorecardd /usr/share/doc/scorecard/copyright; do
  [ -f "$file" ] || fail "not installed: $file"
done
dpkg-query -W -f='${Conffiles}\n' scorecard > "$work/conffiles"
for conffile in /etc/default/scorecardd /etc/scorecard/rules/led-fy2563.yaml; do
  grep -q " $conffile " "$work/conffiles" || fail "$conffile is not a conffile"
done
uid=$(id -u scorecard) || fail "no scorecard user"
[ "$uid" -lt 1000 ] || fail "scorecard is not a system user (uid $uid)"
getent group scorecard > /dev/null || fail "no scorecard group"

# The unit.
systemd-analyze verify "$unit" > "$work/verify.log" 2>&1 ||
  fail "systemd-analyze verify: $(cat "$work/verify.log")"
systemd-analyze security --offline=yes "$unit" > "$work/security.log" 2>&1 || true
score_line=$(grep 'Overall exposure level' "$work/security.log") ||
  fail "no exposure score: $(cat "$work/security.log")"
echo "systemd-analyze security: $score_line"
systemd-analyze security --offline=yes --threshold=20 "$unit" > /dev/null 2>&1 ||
  fail "exposure above 2.0: $score_line"

# The installed scorecardctl finds the installed rules by itself.
/usr/bin/scorecardctl validate "$example" > "$work/report.txt" ||
  fail "installed scorecardctl: $(cat "$work/report.txt")"
grep -q '6 scorecards: 6 VALID, 0 INVALID' "$work/report.txt" ||
  fail "installed scorecardctl: $(cat "$work/report.txt")"

# scorecardd from the unit's command line: ExecStart with the flags from its
# EnvironmentFile, as the unit's User=. The address is moved to a free
# loopback port (a later --listen wins) so the test never takes 50051.
if [ -d /run/systemd/system ]; then
  echo "systemd is PID 1: the unit itself is started"
  systemctl start scorecardd.service
  systemctl is-active --quiet scorecardd.service || fail "scorecardd.service is not active"
  wait_for_serving "127.0.0.1:50051"
  systemctl stop scorecardd.service
else
  echo "systemd is not PID 1 here ($(ps -p 1 -o comm=)): running the unit's ExecStart as its User="
fi
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
user=$(sed -n 's/^User=//p' "$unit")
[ "$user" = scorecard ] || fail "the unit runs as '$user', not scorecard"
SCORECARDD_OPTS=$(. /etc/default/scorecardd && echo "$SCORECARDD_OPTS")
command_line=${exec_start//\$SCORECARDD_OPTS/$SCORECARDD_OPTS}
echo "ExecStart: $command_line"
read -r -a argv <<< "$command_line"
log="$work/scorecardd.log"
: > "$log"
chmod 666 "$log"
# Under strace, to check every system call against the unit's
# SystemCallFilter= (systemd would kill the process on a refused one).
strace -f -qq -o "$work/strace.log" \
  setpriv --reuid=scorecard --regid=scorecard --init-groups --no-new-privs \
  "${argv[@]}" --listen=127.0.0.1:0 2>> "$log" &
tracer=$!
server=
deadline=$((SECONDS + PATIENCE_SECONDS))
# The tracer's child is strace's, then setpriv, and only after both have
# exec'd scorecardd running as scorecard: wait for that, not the first child.
while [ -z "$server" ]; do
  server=$(pgrep -P "$tracer" -u scorecard -x scorecardd || true)
  [ "$SECONDS" -lt "$deadline" ] || fail "scorecardd did not start under strace"
  sleep 0.05
done
address=$(wait_for_listening "$log" "$server")
grep -q '"event":"start".*"rules":"/etc/scorecard/rules"' "$log" ||
  fail "scorecardd did not read /etc/scorecard/rules: $(cat "$log")"
[ "$(ps -o uid= -p "$server" | tr -d ' ')" = "$(id -u scorecard)" ] ||
  fail "scorecardd is not running as scorecard: $(ps -o uid=,args= -p "$server")"
wait_for_serving "$address"
/usr/bin/scorecardctl validate --server "$address" "$example" > "$work/remote.txt" ||
  fail "validation through the installed scorecardd: $(cat "$work/remote.txt")"
grep -q '6 scorecards: 6 VALID, 0 INVALID' "$work/remote.txt" ||
  fail "validation through the installed scorecardd: $(cat "$work/remote.txt")"
# ExecReload= is kill -HUP $MAINPID.
grep -q '^ExecReload=/bin/kill -HUP \$MAINPID$' "$unit" || fail "ExecReload is not SIGHUP"
kill -HUP "$server"
deadline=$((SECONDS + PATIENCE_SECONDS))
until [ "$(grep -c '"event":"rules_loaded"' "$log")" -ge 2 ]; do
  [ "$SECONDS" -lt "$deadline" ] || fail "no reload after SIGHUP: $(cat "$log")"
  sleep 0.1
done
kill -TERM "$server"
status=0
wait_for_exit "$tracer" || status=$?   # strace exits with scorecardd's status
server=
tracer=
[ "$status" -eq 0 ] || fail "scorecardd exited $status after SIGTERM: $(cat "$log")"
grep -q '"event":"drained"' "$log" || fail "no drained line: $(cat "$log")"
python3 "$source_dir/tests/deploy/syscalls_allowed.py" "$unit" \
  "$work/strace.log" /usr/bin/scorecardd ||
  fail "scorecardd made system calls its unit would refuse"
echo "scorecardd ran from the unit's command line as scorecard, served $address, reloaded and drained"

# Purge: nothing left but directories other packages share.
apt_get purge scorecard > "$work/purge.log" 2>&1 ||
  fail "apt-get purge failed: $(cat "$work/purge.log")"
! dpkg-query -W -f='${Status}' scorecard 2> /dev/null | grep -q 'installed' ||
  fail "scorecard still installed after purge"
while read -r path; do
  if [ -e "$path" ] && [ ! -d "$path" ]; then fail "left after purge: $path"; fi
done < "$work/files"
for path in /etc/scorecard /etc/default/scorecardd /usr/share/scorecard \
    /usr/share/doc/scorecard /etc/systemd/system/multi-user.target.wants/scorecardd.service \
    /var/lib/systemd/deb-systemd-helper-enabled/scorecardd.service \
    /var/lib/systemd/deb-systemd-helper-enabled/multi-user.target.wants/scorecardd.service \
    /var/lib/systemd/deb-systemd-helper-masked/scorecardd.service; do
  [ ! -e "$path" ] || fail "left after purge: $path"
done
! getent passwd scorecard > /dev/null || fail "the scorecard user is left after purge"
! getent group scorecard > /dev/null || fail "the scorecard group is left after purge"
echo "apt-get purge removed the package, its conffiles, its user and its unit links"
