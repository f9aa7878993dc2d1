#!/usr/bin/env bash
# Runs the channels benchmarks and writes the JMH JSON, a Markdown table (results.md) and SVG
# charts into bench-results/<date>-<mode>/, with a header naming the date, JDK, CPU, core count
# and the exact commands. It writes into a scratch directory under channels-bench/target/ and
# moves it there only when the run is complete (Ctrl-C or kill leaves nothing in bench-results/).
#
# Times on 2 cores, plus the build (under a minute once compiled); the script prints its own
# estimate for the whole run at the start:
#   channels-bench/scripts/run.sh quick      # about 12 minutes (JMH runs: 8 min 30 s measured before the
#                                            # select runs, which add about 2 min 45 s estimated, and Go's
#                                            # select benchmarks about 15 s)
#   channels-bench/scripts/run.sh thorough   # about 2 h 10 min (estimated; 3 forks, 1 s iterations)
#   channels-bench/scripts/run.sh quick -p threads=platform   # extra JMH options go to every run
#   channels-bench/scripts/run.sh batches    # about 3 minutes: batches of 256 only, 4 rounds of one
#                                            # fork per contender, so that each contender meets both
#                                            # placements (the batch target, placement by placement)
#   channels-bench/scripts/run.sh select     # about 3 min 30 s (estimated): alternation only (issue 11):
#                                            # SelectBenchmark, ManyClientsBenchmark and Go's select
#                                            # benchmarks, with the quick mode's JMH options
#   channels-bench/scripts/run.sh floors     # about 3 min 30 s (3 min 16 s): the round trip of the floors
#                                            # (single word, one CAS, one CAS plus ownership, two CASes,
#                                            # the exchange's protocol looking at once and after 4 and 8
#                                            # pauses) beside busySpin, the default and the JCTools pair, platform
#                                            # threads, 3 rounds of one fork each (what exactness costs)
#   channels-bench/scripts/run.sh headline   # about 7 minutes (JMH runs: 6 min 17 s; Go about 40 s): the
#                                            # README's headline figures over 3 forks: the round trip
#                                            # and the one-way stream of the floors, busySpin, the
#                                            # default, Exchanger, SynchronousQueue, jox and JCTools on
#                                            # both thread kinds, and Go (one fork's placement moves a
#                                            # ratio more than the targets' margins)
#   channels-bench/scripts/run.sh counters   # about 1 min 30 s: hardware counters per round
#                                            # trip (JMH -prof perfnorm) of the single-word floor,
#                                            # exchangeFloor, busySpin and the JCTools pair, platform
#                                            # threads, and of OneThreadBenchmark: what the locked
#                                            # instructions and the work between them wait for (ADR 0008).
#                                            # Needs perf with hardware events; stops at once, measuring
#                                            # nothing, where there are none (a VM without a virtual PMU).
#                                            # COUNTERS_PROFILER=gc runs the same pipeline without perf.
#   channels-bench/scripts/run.sh work       # about 9 minutes: the round trip with busy work on both sides
#                                            # between the messages (WorkRoundTripBenchmark: the floor,
#                                            # exchangeFloor, busySpin, the default, JCTools; 0 to 128 tokens
#                                            # of Blackhole.consumeCPU) and the work alone (WorkAloneBenchmark),
#                                            # platform threads, 3 forks: the answer's window (ADR 0008)
#   channels-bench/scripts/run.sh fresh      # about 3 min 30 s (3 min 22 s measured): FreshValueBenchmark, the round
#                                            # trip with messages made fresh for each hand-off against
#                                            # reused ones (busySpin, the default, Exchanger, JCTools),
#                                            # platform threads, 3 forks, under the JVM's default
#                                            # collector (add -jvmArgsAppend -XX:+UseZGC for another):
#                                            # what a program's messages cost (ADR 0008, "Found: the
#                                            # value's header"); the report lists it under "Other results"
#   channels-bench/scripts/run.sh smoke      # under a minute (JMH runs: 29 s): checks the pipeline,
#                                            # numbers mean nothing;
#                                            # writes under channels-bench/target/bench-smoke/
#
# Run it on an otherwise idle machine: see channels-bench/README.md ("Hygiene").
set -euo pipefail
cd "$(dirname "$0")/../.."

usage() {
  echo "usage: $0 quick|thorough|batches|select|floors|headline|counters|work|fresh|smoke [extra JMH options]" >&2
  exit 2
}
mode=${1:-}
[ -n "$mode" ] || usage
shift
case "$mode" in quick|thorough|batches|select|floors|headline|counters|work|fresh|smoke) ;; *) usage ;; esac
extra=("$@")

profiler=${COUNTERS_PROFILER:-perfnorm}
if [ "$mode" = counters ] && [ "$profiler" = perfnorm ]; then
  # perf stat -x, prints a count, or "<not supported>", first on each event's line
  if ! command -v perf >/dev/null 2>&1 || ! perf stat -x, -e cycles,instructions true 2>&1 | grep -q '^[0-9]'; then
    echo "run.sh counters: perf cannot read hardware counters here: perf is missing, or" >&2
    echo "'perf stat -e cycles' says <not supported> (a VM without a virtual PMU) or is not permitted" >&2
    echo "(/proc/sys/kernel/perf_event_paranoid is $(cat /proc/sys/kernel/perf_event_paranoid 2>/dev/null || echo unknown); 2 or less lets a user count its own processes)." >&2
    echo "Run it on bare metal or a VM that passes its PMU through. Nothing was measured." >&2
    exit 3
  fi
fi

java_major() { # prints the feature version of the JDK at $1, or nothing
  local v
  v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  case "$v" in 1.*) echo "${v#1.}" ;; *) echo "$v" ;; esac
}

pick_jdk() { # JAVA_HOME if it is 21 or newer, else the newest JDK under /usr/lib/jvm
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    local m; m=$(java_major "$JAVA_HOME")
    if [ -n "$m" ] && [ "$m" -ge 21 ]; then echo "$JAVA_HOME"; return; fi
  fi
  local best="" best_m=0 d m
  for d in /usr/lib/jvm/*/; do
    d=${d%/}
    [ -x "$d/bin/javac" ] || continue
    m=$(java_major "$d")
    if [ -n "$m" ] && [ "$m" -ge 21 ] && [ "$m" -gt "$best_m" ]; then best=$d; best_m=$m; fi
  done
  if [ -z "$best" ]; then
    echo "No JDK 21 or newer found (JAVA_HOME, /usr/lib/jvm): install one (Debian/Ubuntu: apt-get install openjdk-21-jdk)" >&2
    echo "or point JAVA_HOME at one, then run this again." >&2
    exit 2
  fi
  echo "$best"
}

# One JDK for the build and the benchmarks: Maven runs on it, so the build's toolchain step
# (select-jdk-toolchain, see the root pom.xml) takes it as is, and JMH forks inherit it.
export JAVA_HOME; JAVA_HOME=$(pick_jdk)
export PATH="$JAVA_HOME/bin:$PATH"
java="$JAVA_HOME/bin/java"

load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
if [ "$mode" != smoke ] && awk -v l="${load%% *}" 'BEGIN { exit !(l > 0.5) }' 2>/dev/null; then
  echo "WARNING: load average is $load: the machine is not idle, and the numbers will not mean much." >&2
  echo "         (recorded in the results header; Ctrl-C within 10 s to stop)" >&2
  sleep 10
fi

echo "Building channels-bench/target/benchmarks.jar with $JAVA_HOME"
mvn -B -ntp -q -pl channels-bench -am package -DskipTests
jar=channels-bench/target/benchmarks.jar

case "$mode" in
  quick)    common=(-f 1 -wi 2 -w 500ms -i 6 -r 500ms -prof gc) ;;
  thorough) common=(-f 3 -wi 5 -w 1s -i 10 -r 1s -prof gc) ;;
  batches)  common=(-f 1 -wi 2 -w 500ms -i 6 -r 500ms -prof gc) ;;
  floors)   common=(-f 1 -wi 2 -w 500ms -i 8 -r 500ms) ;;
  select)   common=(-f 1 -wi 2 -w 500ms -i 6 -r 500ms -prof gc) ;;
  headline) common=(-f 3 -wi 2 -w 500ms -i 6 -r 500ms -prof gc) ;;
  counters) common=(-f 3 -wi 2 -w 500ms -i 5 -r 500ms -prof "$profiler") ;;
  work)     common=(-f 3 -wi 2 -w 500ms -i 5 -r 500ms) ;;
  fresh)    common=(-f 3 -wi 3 -w 1s -i 5 -r 1s -prof gc) ;;
  smoke)    common=(-f 1 -wi 0 -i 2 -r 200ms -prof gc) ;;
esac

# The JMH runs of this mode: plan NAME [JMH options] writes $work/NAME.json.
names=()
specs=() # the runs' options, each run's ending with ::
plan() { local name=$1; shift; names+=("$name"); specs+=("$@" "::"); }
if [ "$mode" = smoke ]; then
  plan roundtrip '\.RoundTripBenchmark\.' -p impl=floor,channels-busySpin,jox
  plan stream '\.StreamBenchmark\.' -p impl=channels-spinThenPark,jox,jctools
  plan batch '\.BatchBenchmark\.' -p impl=channels-spinThenPark,jctools -p batch=256
  plan manypairs '\.ManyPairsBenchmark\.' -p impl=channels-park,synchronousQueue
  plan waitstrategy '\.WaitStrategyBenchmark\.' -p strategy=spinThenPark,park -p delayNanos=0,5000 -p threads=platform
  plan select '\.SelectBenchmark\.' -p impl=channels-spinThenPark,jox
  plan manyclients '\.ManyClientsBenchmark\.' -p impl=channels-spinThenPark,pairs-channels-spinThenPark -p clients=10
elif [ "$mode" = select ]; then
  plan select '\.SelectBenchmark\.'
  plan manyclients '\.ManyClientsBenchmark\.'
elif [ "$mode" = batches ]; then
  for round in 1 2 3 4; do # the report merges the rounds
    plan batch-$round '\.BatchBenchmark\.' -p impl=channels-busySpin,channels-spinThenPark,jctools,agrona -p batch=256
  done
elif [ "$mode" = floors ]; then
  for round in 1 2 3; do # the report merges the rounds
    plan roundtrip-$round '\.RoundTripBenchmark\.' -p threads=platform \
      -p impl=singleWordFloor,oneCasFloor,oneCasFloorOwned,protocolFloor,exchangeFloor,exchangeFloor-quiet4,exchangeFloor-quiet8,channels-busySpin,channels-spinThenPark,jctools
  done
elif [ "$mode" = counters ]; then
  plan roundtrip '\.RoundTripBenchmark\.' -p threads=platform -p impl=singleWordFloor,exchangeFloor,channels-busySpin,jctools
  plan onethread '\.OneThreadBenchmark\.'
elif [ "$mode" = work ]; then
  plan work '\.WorkRoundTripBenchmark\.'
  plan alone '\.WorkAloneBenchmark\.'
elif [ "$mode" = fresh ]; then
  plan fresh '\.FreshValueBenchmark\.'
elif [ "$mode" = headline ]; then
  plan roundtrip '\.RoundTripBenchmark\.' -p impl=singleWordFloor,protocolFloor,channels-busySpin,channels-spinThenPark,exchanger,synchronousQueue,jox,jctools
  plan stream '\.StreamBenchmark\.' -p impl=singleWordFloor,channels-busySpin,channels-spinThenPark,synchronousQueue,jox
elif [ "$mode" = quick ]; then
  plan roundtrip '\.RoundTripBenchmark\.'
  plan stream '\.StreamBenchmark\.'
  plan batch '\.BatchBenchmark\.' -p impl=channels-busySpin,channels-spinThenPark,jctools,agrona
  plan manypairs '\.ManyPairsBenchmark\.'
  plan waitstrategy '\.WaitStrategyBenchmark\.' \
    -p strategy=spinThenPark-64,spinThenPark,spinThenPark-4096,park,busySpin -p delayNanos=0,5000,100000
  plan select '\.SelectBenchmark\.'
  plan manyclients '\.ManyClientsBenchmark\.'
else
  plan roundtrip '\.RoundTripBenchmark\.'
  plan stream '\.StreamBenchmark\.'
  plan batch '\.BatchBenchmark\.'
  plan manypairs '\.ManyPairsBenchmark\.'
  plan waitstrategy '\.WaitStrategyBenchmark\.'
  plan select '\.SelectBenchmark\.'
  plan manyclients '\.ManyClientsBenchmark\.'
fi

# Everything is written into a scratch directory under channels-bench/target/ and moved into
# $root/<date>-<mode>[-N]/ only once complete: an interrupted run (Ctrl-C, kill) leaves nothing
# in bench-results/, a failed one leaves its partial results in the scratch directory only.
day=$(date +%F)
root=bench-results
[ "$mode" = smoke ] && root=channels-bench/target/bench-smoke
work=$(mktemp -d "channels-bench/target/bench-run-$day-$mode.XXXXXX")
env_file=$work/environment.txt
child=""

kill_tree() { # kill_tree PID: the process and its descendants (JMH's host VM and its forks)
  local c
  for c in $(pgrep -P "$1" 2>/dev/null); do kill_tree "$c"; done
  kill -TERM "$1" 2>/dev/null || true
}
on_signal() { # on_signal EXIT_STATUS
  trap - INT TERM
  echo >&2
  echo "Interrupted: stopping the benchmarks and removing $work (nothing was written to $root)." >&2
  if [ -n "$child" ]; then kill_tree "$child"; wait "$child" 2>/dev/null || true; fi
  rm -rf "$work"
  exit "$1"
}
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

spawn() { # spawn LOG COMMAND...: runs the command with its output on the console and in LOG; returns its status
  local log=$1; shift
  # in the background, so that a signal reaches the trap at once rather than when the command ends
  "$@" > >(tee -a "$log") 2>&1 &
  child=$!
  local status=0
  wait "$child" || status=$?
  child=""
  return "$status"
}

{
  echo "date=$(date -Iseconds)"
  echo "mode=$mode"
  "$java" -version 2>&1 | sed 's/^/jdk=/'
  # The model name alone does not tell two Intel Xeon models apart ("Intel(R) Xeon(R) Processor"
  # on both of this project's); family, model and stepping do, and the hypervisor says it is a guest.
  cpu_field() { lscpu 2>/dev/null | sed -n "s/^$1: *//p" | head -1; }
  hypervisor=$(cpu_field 'Hypervisor vendor')
  echo "cpu=$(cpu_field 'Model name') ($(cpu_field 'Vendor ID') family $(cpu_field 'CPU family') model $(cpu_field 'Model') stepping $(cpu_field 'Stepping')${hypervisor:+, $hypervisor guest})"
  echo "cores=$(nproc)"
  echo "os=$(uname -srm)"
  echo "load=$load"
  echo "commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- channels-core channels-bench 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "jmh=${common[*]} ${extra[*]:-}"
} > "$env_file"

mmss() { printf '%d min %02d s' $(($1 / 60)) $(($1 % 60)); }

# One ETA for the whole run, from the benchmarks, parameters and iteration settings of every JMH run
# (JMH's own "ETA" line covers only the JMH run it is printed in).
plan_args=()
for a in "${specs[@]}"; do
  if [ "$a" = "::" ]; then plan_args+=("${common[@]}" ${extra[@]+"${extra[@]}"} "::"); else plan_args+=("$a"); fi
done
est=() total_est=0 total_combos=0
while read -r s c; do est+=("$s"); total_est=$((total_est + s)); total_combos=$((total_combos + c)); done \
  < <("$java" -cp "$jar" dev.channels.bench.report.Plan "${plan_args[@]:0:${#plan_args[@]}-1}")
runs=${#names[@]}
start=$(date +%s)
echo
if [ "${#est[@]}" -eq "$runs" ]; then
  echo "=== $mode: $runs JMH run(s), $total_combos benchmark/parameter combinations, estimated $(mmss "$total_est")" \
    "(until about $(date -d "@$((start + total_est))" +%H:%M))."
else # the options did not parse as JMH's: JMH itself will say what is wrong
  est=() total_est=0
  for _ in "${names[@]}"; do est+=(0); done
  echo "=== $mode: $runs JMH run(s), no estimate (see JMH's messages)."
fi
echo "    JMH's own 'Run progress ... ETA' lines cover only the JMH run they appear in."
echo "    JMH's 'Score' is the mean time per operation, which one descheduling of a spinning thread can move"
echo "    several fold; after each JMH run this script prints the report's figures (medians, ratio to the floor)."

k=0
done_est=0
run_args=()
for a in "${specs[@]}"; do
  [ "$a" = "::" ] || { run_args+=("$a"); continue; }
  name=${names[$k]}
  # the quiet flags: JMH and JCTools use sun.misc.Unsafe, and JDK 23+ warns about it in the JMH
  # process and every fork (forks inherit these flags); JDK 21 and 22 ignore the option
  cmd=("$java" -XX:+IgnoreUnrecognizedVMOptions --sun-misc-unsafe-memory-access=allow -jar "$jar" "${run_args[@]}" "${common[@]}" ${extra[@]+"${extra[@]}"} -rf json -rff "$work/$name.json")
  echo "command=${cmd[*]}" >> "$env_file"
  echo
  echo "=== JMH run $((k + 1)) of $runs ($name), estimated $(mmss "${est[$k]}")"
  echo ">>> ${cmd[*]}"
  if ! spawn "$work/jmh.log" "${cmd[@]}"; then
    if grep -q "JMH lock" "$work/jmh.log"; then
      echo "Another JMH run holds the machine-wide lock (/tmp/jmh.lock). Wait for it to finish, then run again." >&2
    fi
    echo "FAILED: ${cmd[*]}" >&2
    echo "Nothing was written to $root; the partial results are in $work" >&2
    exit 1
  fi
  echo
  "$java" -cp "$jar" dev.channels.bench.report.Console "$work/$name.json" || true
  k=$((k + 1))
  done_est=$((done_est + est[k - 1]))
  elapsed=$(($(date +%s) - start))
  if [ "$k" -lt "$runs" ]; then
    # what is left, scaled by how the estimate compared with the time taken so far
    left=$(( (total_est - done_est) * elapsed / (done_est > 0 ? done_est : 1) ))
    echo "=== $k of $runs JMH runs done in $(mmss "$elapsed") (estimated $(mmss "$done_est")); about $(mmss "$left") left" \
      "(until about $(date -d "@$(($(date +%s) + left))" +%H:%M))"
  fi
  run_args=()
done
echo "duration=$(mmss $(($(date +%s) - start)))" >> "$env_file"
# JMH goes on after a benchmark fails (its result is then missing from the JSON): count them
echo "failures=$(grep -c '<failure>' "$work/jmh.log" || true)" >> "$env_file"

# The Go comparison: channels-bench/scripts/go.sh DIR runs the Go benchmark (channels-bench/go/) and
# writes DIR/go.json in JMH's JSON format, which the report reads with the rest. Needs `go`.
go_script=channels-bench/scripts/go.sh
if [ "$mode" = floors ] || [ "$mode" = counters ] || [ "$mode" = work ] || [ "$mode" = fresh ]; then
  : # the floors, counters, work and fresh modes measure the JVM's hand-offs only
elif [ "$mode" != batches ] && [ -f "$go_script" ]; then
  if command -v go >/dev/null 2>&1; then
    echo
    echo "=== Go benchmark: $go_script (not in the estimate above)"
    echo "command=BENCH_MODE=$mode $go_script <this directory>" >> "$env_file"
    if spawn "$work/go.log" env BENCH_MODE="$mode" bash "$go_script" "$work" && [ -f "$work/go.json" ]; then
      "$java" -cp "$jar" dev.channels.bench.report.Console "$work/go.json" || true
    else
      echo "WARNING: the Go benchmark failed (see go.log.gz in the results directory); the report goes on without it." >&2
    fi
  else
    echo
    echo "Go is not installed (no 'go' on the PATH): the Go comparison (channels-bench/go/) is skipped."
  fi
elif [ "$mode" != batches ]; then
  echo
  echo "No $go_script: no Go comparison in this run."
fi

# Tail latency (HdrHistogram of single round trips: default, busySpin, the single-word floor) and the
# idle cost of a waiter (CPU time after 1 ms of waiting): JMH-format tail.json and idle.json. They take
# no JMH lock, so they run here, one after the other, never beside a JMH run. Not in the batches,
# select, floors, headline, counters, work and fresh modes, which measure one thing.
if [ "$mode" != batches ] && [ "$mode" != select ] && [ "$mode" != floors ] && [ "$mode" != headline ] \
    && [ "$mode" != counters ] && [ "$mode" != work ] && [ "$mode" != fresh ]; then
  for tool in TailLatency IdleCost; do
    echo
    echo "=== $tool (not in the estimate above)"
    echo "command=$java -cp $jar dev.channels.bench.tail.$tool <this directory> $mode" >> "$env_file"
    if ! spawn "$work/$tool.log" "$java" -cp "$jar" "dev.channels.bench.tail.$tool" "$work" "$mode"; then
      echo "WARNING: $tool failed (see $tool.log.gz in the results directory); the report goes on without it." >&2
    fi
  done
  for f in tail idle; do
    [ -f "$work/$f.json" ] && { "$java" -cp "$jar" dev.channels.bench.report.Console "$work/$f.json" || true; }
  done
fi

out=$root/$day-$mode
n=2 # the next free suffix after the highest one in use: run directories sort in the order they ran
for d in "$root/$day-$mode"-*; do
  k=${d##*-}
  case "$k" in ''|*[!0-9]*) ;; *) [ "$k" -ge "$n" ] && n=$((k + 1)) ;; esac
done
[ -e "$out" ] && out=$root/$day-$mode-$n
echo "command=$java -cp $jar dev.channels.bench.report.Report $out" >> "$env_file"
# the commands as they would be typed again: the JSON into the results directory, not the scratch one
sed -i "s|$work|$out|g" "$env_file"
# the console output, compressed: a .log is ignored by git, and jmh.log runs to a megabyte or more
for f in "$work"/*.log; do
  [ -f "$f" ] && gzip -9 -n "$f"
done
echo
"$java" -cp "$jar" dev.channels.bench.report.Report "$work" >/dev/null
mkdir -p "$root"
trap - INT TERM
mv "$work" "$out"
echo "Results: $out/results.md"
