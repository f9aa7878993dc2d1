#!/usr/bin/env bash
# Runs jcstress under a wall-clock limit. jcstress waits forever for an actor that never returns
# (a lost wake-up parks a thread for good), so the build bounds the run here. On expiry this prints
# the stacks of the forked test VMs, which show where the actors hang, kills them and exits 124.
# Otherwise it exits with jcstress's status: 0, or 1 on a FORBIDDEN outcome or a test error.
#
# usage: run.sh SECONDS JAVA ARGS...     (ARGS: JVM options, -jar jcstress.jar, jcstress options)
# JAVA is used unless $TOOLCHAIN_JAVA_HOME names a JDK: exec-maven-plugin sets it to the JDK toolchain
# the build selected, which the forked test VMs then inherit (jcstress forks its own java.home).
set -u
limit=$1
java=$2
shift 2
if [ -n "${TOOLCHAIN_JAVA_HOME:-}" ]; then
  java=$TOOLCHAIN_JAVA_HOME/bin/java
fi
echo "jcstress: $java"
"$java" "$@" &
host=$!
deadline=$((SECONDS + limit))
while kill -0 "$host" 2>/dev/null; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "jcstress: no result after ${limit} s: an actor never returned (a lost wake-up?), or the limit is too short for this mode. Stacks of the test VMs:" >&2
    for vm in $(pgrep -P "$host"); do
      "$(dirname "$java")/jcmd" "$vm" Thread.print >&2 || true
    done
    pkill -KILL -P "$host"
    kill -KILL "$host" 2>/dev/null
    echo "jcstress: killed after ${limit} s (see the stacks above)" >&2
    exit 124
  fi
  sleep 1
done
wait "$host"
