#!/usr/bin/env bash
# The exchange-floor and versioned-slot experiment of ADR 0008: two rounds of one JMH run each, platform threads,
# 3 forks per contender; run from the repository root on an otherwise idle machine, after
# `mvn -B -ntp -pl channels-bench -am -DskipTests package`.
set -euo pipefail
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
out=bench-results/2026-12-06-exchange-floor
for round in 1 2; do
  "$java" -XX:+IgnoreUnrecognizedVMOptions --sun-misc-unsafe-memory-access=allow \
    -jar channels-bench/target/benchmarks.jar '\.RoundTripBenchmark\.' \
    -p impl=singleWordFloor,protocolFloor,exchangeFloor,versionedFloor,channels-busySpin \
    -p threads=platform -f 3 -wi 2 -w 500ms -i 6 -r 500ms \
    -rf json -rff "$out/round-$round.json" > "$out/round-$round.log" 2>&1
done
