#!/usr/bin/env bash
# Runs jcstress under a wall-clock limit. jcstress waits forever for an actor that never returns
# (a lost wake-up parks a thread for good), so the build bounds the run here. On expiry this prints
# the stacks of the forked test VMs, which show where the actors hang, kills them and exits 124.
# Otherwise it exits with jcstress's status: 0, or 1 on a FORBIDDEN outcome or a test error.
#
# usage: run.sh SECONDS JAVA ARGS...     (ARGS: JVM options, -jar jcstress.jar, jcstress options)
# JAVA is used unless $TOOLCHAIN_JAVA_HOME names a JDK: exec-maven-plugin sets it to the JDK toolchain
# the build selected, which the forked test VMs then inherit (jcstress forks its own java.home).
#
# VM modes: with $JCSTRESS_VM_MODES empty, one jcstress run tests every mode it detects itself
# (results in jcstress-results/). Otherwise it holds JVM option lines separated by ';', and jcstress
# runs once per line with -jvmArgs LINE, which tests that one mode (results in
# jcstress-results/mode-N/), stopping at the first run that fails. SECONDS bounds all runs together.
set -u
limit=$1
java=$2
shift 2
if [ -n "${TOOLCHAIN_JAVA_HOME:-}" ]; then
  java=$TOOLCHAIN_JAVA_HOME/bin/java
fi
echo "jcstress: $java"
deadline=$((SECONDS + limit))

# runs jcstress with the common ARGS and the given extra options, killed at the deadline; its output
# goes to $log (and is shown as it comes), where a FATAL line (no matching test, no VM mode that
# starts) fails the build: jcstress itself exits 0 then, having tested nothing
log=jcstress-output.txt
run_one() {
  "$java" "${common[@]}" "$@" > "$log" 2>&1 &
  local host=$!
  tail -n +1 -f --pid="$host" "$log" & # ends once the host has ended and its output is shown
  local shown=$!
  while kill -0 "$host" 2>/dev/null; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "jcstress: no result after ${limit} s: an actor never returned (a lost wake-up?), or the limit is too short for this mode. Stacks of the test VMs:" >&2
      for vm in $(pgrep -P "$host"); do
        "$(dirname "$java")/jcmd" "$vm" Thread.print >&2 || true
      done
      pkill -KILL -P "$host"
      kill -KILL "$host" 2>/dev/null
      wait "$shown"
      echo "jcstress: killed after ${limit} s (see the stacks above)" >&2
      exit 124
    fi
    sleep 1
  done
  wait "$host"
  local status=$?
  wait "$shown"
  if [ "$status" -eq 0 ] && grep -q '^FATAL:' "$log"; then
    echo "jcstress: it ran no test ($(grep -m1 '^FATAL:' "$log")): check -Djcstress.tests and -Djcstress.vmModes" >&2
    return 2
  fi
  return "$status"
}

common=("$@")
modes=${JCSTRESS_VM_MODES:-}
if [ -z "${modes//[[:space:];]/}" ]; then
  run_one -r jcstress-results
  exit $?
fi
IFS=';' read -r -a lines <<< "$modes"
n=0
for line in "${lines[@]}"; do
  line=${line#"${line%%[![:space:]]*}"} # trimmed, quotes and all left as written
  line=${line%"${line##*[![:space:]]}"}
  [ -n "$line" ] || continue
  n=$((n + 1))
  echo "jcstress: VM mode $n: $line"
  run_one -jvmArgs "$line" -r "jcstress-results/mode-$n"
  status=$?
  if [ "$status" -ne 0 ]; then
    echo "jcstress: VM mode $n ($line) failed with status $status; results in jcstress-results/mode-$n" >&2
    exit "$status"
  fi
done
