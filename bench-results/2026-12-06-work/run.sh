#!/usr/bin/env bash
# The round trip with work between the messages (WorkRoundTripBenchmark) and the work alone
# (WorkAloneBenchmark), as measured for results.md: run from the repository's root on an idle
# machine after `mvn -B -ntp -pl channels-bench -am -DskipTests -Djcstress.skip package`.
# About 9 minutes on 2 cores. Then: python3 bench-results/2026-12-06-work/summary.py
set -euo pipefail
cd "$(dirname "$0")/../.."
out=bench-results/2026-12-06-work
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
jar=channels-bench/target/benchmarks.jar
{ date -u; lscpu | grep -E 'Model name|Vendor ID|CPU family|^Model:|Stepping|Hypervisor|^CPU\(s\)'; "$J" -version 2>&1 | head -1; git rev-parse --short HEAD; } > "$out/env.txt"
"$J" -XX:+IgnoreUnrecognizedVMOptions --sun-misc-unsafe-memory-access=allow -jar "$jar" '\.WorkRoundTripBenchmark\.' \
  -f 3 -wi 2 -w 500ms -i 5 -r 500ms -rf json -rff "$out/work.json" > "$out/work.log" 2>&1
"$J" -jar "$jar" '\.WorkAloneBenchmark\.' -f 3 -wi 2 -w 500ms -i 5 -r 500ms -rf json -rff "$out/alone.json" > "$out/alone.log" 2>&1
echo done
