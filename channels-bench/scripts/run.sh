#!/usr/bin/env bash
# Runs the channels benchmarks and writes the JMH JSON, a Markdown table (results.md) and SVG
# charts into bench-results/<date>-<mode>/, with a header naming the date, JDK, CPU, core count
# and the exact commands.
#
#   channels-bench/scripts/run.sh quick      # about 12 minutes on 2 cores
#   channels-bench/scripts/run.sh thorough   # about 2.5 hours on 2 cores
#   channels-bench/scripts/run.sh quick -p threads=platform   # extra JMH options go to every run
#   channels-bench/scripts/run.sh batches    # about 3 minutes: batches of 256 only, 4 rounds of one
#                                            # fork per contender, so that each contender meets both
#                                            # placements (the batch target, placement by placement)
#   channels-bench/scripts/run.sh smoke      # 3-4 minutes: checks the pipeline, numbers mean nothing;
#                                            # writes under channels-bench/target/bench-smoke/
#
# Run it on an otherwise idle machine: see channels-bench/README.md ("Hygiene").
set -euo pipefail
cd "$(dirname "$0")/../.."

usage() {
  echo "usage: $0 quick|thorough|batches|smoke [extra JMH options]" >&2
  exit 2
}
mode=${1:-}
[ -n "$mode" ] || usage
shift
case "$mode" in quick|thorough|batches|smoke) ;; *) usage ;; esac
extra=("$@")

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

day=$(date +%F)
root=bench-results
[ "$mode" = smoke ] && root=channels-bench/target/bench-smoke
out=$root/$day-$mode
n=2 # the next free suffix after the highest one in use: run directories sort in the order they ran
for d in "$root/$day-$mode"-*; do
  k=${d##*-}
  case "$k" in ''|*[!0-9]*) ;; *) [ "$k" -ge "$n" ] && n=$((k + 1)) ;; esac
done
[ -e "$out" ] && out=$root/$day-$mode-$n
mkdir -p "$out"
env_file=$out/environment.txt

case "$mode" in
  quick)    common=(-f 1 -wi 2 -w 500ms -i 6 -r 500ms -prof gc) ;;
  thorough) common=(-f 3 -wi 5 -w 1s -i 10 -r 1s -prof gc) ;;
  batches)  common=(-f 1 -wi 2 -w 500ms -i 6 -r 500ms -prof gc) ;;
  smoke)    common=(-f 1 -wi 0 -i 2 -r 200ms -prof gc) ;;
esac

{
  echo "date=$(date -Iseconds)"
  echo "mode=$mode"
  "$java" -version 2>&1 | sed 's/^/jdk=/'
  echo "cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
  echo "cores=$(nproc)"
  echo "os=$(uname -srm)"
  echo "load=$load"
  echo "commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- channels-core channels-bench 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "jmh=${common[*]} ${extra[*]:-}"
} > "$env_file"

start=$(date +%s)
run() { # run NAME BENCHMARK_REGEX [JMH options]: one JMH run, JSON into $out/NAME.json
  local name=$1; shift
  local cmd=("$java" -jar "$jar" "$@" "${common[@]}" ${extra[@]+"${extra[@]}"} -rf json -rff "$out/$name.json")
  echo "command=${cmd[*]}" >> "$env_file"
  echo ">>> ${cmd[*]}"
  if ! "${cmd[@]}" 2>&1 | tee -a "$out/jmh.log"; then
    if grep -q "JMH lock" "$out/jmh.log"; then
      echo "Another JMH run holds the machine-wide lock (/tmp/jmh.lock). Wait for it to finish, then run again." >&2
    fi
    echo "FAILED: ${cmd[*]} (partial results in $out)" >&2
    exit 1
  fi
}

if [ "$mode" = smoke ]; then
  run roundtrip '\.RoundTripBenchmark\.' -p impl=floor,channels-busySpin,jox
  run stream '\.StreamBenchmark\.' -p impl=channels-spinThenPark,jox,jctools
  run batch '\.BatchBenchmark\.' -p impl=channels-spinThenPark,jctools -p batch=256
  run manypairs '\.ManyPairsBenchmark\.' -p impl=channels-park,synchronousQueue
  run waitstrategy '\.WaitStrategyBenchmark\.' -p strategy=spinThenPark,park -p delayNanos=0,5000 -p threads=platform
elif [ "$mode" = batches ]; then
  for round in 1 2 3 4; do # the report merges the rounds
    run batch-$round '\.BatchBenchmark\.' -p impl=channels-busySpin,channels-spinThenPark,jctools,agrona -p batch=256
  done
elif [ "$mode" = quick ]; then
  run roundtrip '\.RoundTripBenchmark\.'
  run stream '\.StreamBenchmark\.'
  run batch '\.BatchBenchmark\.' -p impl=channels-busySpin,channels-spinThenPark,jctools,agrona
  run manypairs '\.ManyPairsBenchmark\.'
  run waitstrategy '\.WaitStrategyBenchmark\.' \
    -p strategy=spinThenPark-64,spinThenPark,spinThenPark-4096,park,busySpin -p delayNanos=0,5000,100000
else
  run roundtrip '\.RoundTripBenchmark\.'
  run stream '\.StreamBenchmark\.'
  run batch '\.BatchBenchmark\.'
  run manypairs '\.ManyPairsBenchmark\.'
  run waitstrategy '\.WaitStrategyBenchmark\.'
fi

echo "duration=$(( ($(date +%s) - start) / 60 )) min $(( ($(date +%s) - start) % 60 )) s" >> "$env_file"
# JMH goes on after a benchmark fails (its result is then missing from the JSON): count them
echo "failures=$(grep -c '<failure>' "$out/jmh.log" || true)" >> "$env_file"
echo "command=$java -cp $jar dev.channels.bench.report.Report $out" >> "$env_file"
"$java" -cp "$jar" dev.channels.bench.report.Report "$out"
echo "Results: $out/results.md"
