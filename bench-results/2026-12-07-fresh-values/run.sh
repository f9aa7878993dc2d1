#!/usr/bin/env bash
# A/B of FreshValueBenchmark: the exchange before (47cb725) and after (1e19f8c) the by-reference
# checks, under G1 and ZGC, alternated; 3 forks each.
set -euo pipefail
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
out=${1:-.}
round=${2:-1}
for gc in g1 zgc; do
  for build in before after; do
    args=()
    [ "$gc" = zgc ] && args=(-jvmArgsAppend -XX:+UseZGC)
    echo "=== round $round, $gc, $build: $(cut -d' ' -f1-3 /proc/loadavg)"
    "$J" -XX:+IgnoreUnrecognizedVMOptions --sun-misc-unsafe-memory-access=allow -jar /tmp/bench-$build.jar FreshValueBenchmark \
      -f 3 -wi 3 -w 1s -i 5 -r 1s -prof gc "${args[@]}" -rf json -rff "$out/$gc-$build-$round.json" > "$out/$gc-$build-$round.log" 2>&1
    grep -E "^FreshValueBenchmark.roundTrip +" "$out/$gc-$build-$round.log" | grep -v ":gc"
  done
done
