#!/bin/bash
# The lean send with the library's general wait loop (results.md): a scratch worktree with
# experiment.diff applied and built, as in ../run.sh; the lean send runs as channelsFloorCode-<strategy>.
out=$(cd "$(dirname "$0")" && pwd)
cd "${SCRATCH:?set SCRATCH to the scratch worktree}"
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
for r in 1 2; do
  $J -XX:+IgnoreUnrecognizedVMOptions --sun-misc-unsafe-memory-access=allow -jar channels-bench/target/benchmarks.jar '\.RoundTripBenchmark\.' -p impl=exchanger,channels-busySpin,channels-spinThenPark,channelsFloorCode-busySpin,channelsFloorCode-spinThenPark -p threads=virtual -f 3 -wi 2 -w 500ms -i 5 -r 500ms -jvmArgsAppend "-Dx.lean=true -Dx.leanawait=true" -rf json -rff "$out"/leanawait-v$r.json > "$out"/leanawait-v$r.log 2>&1
done
for r in 1 2; do
  $J -XX:+IgnoreUnrecognizedVMOptions --sun-misc-unsafe-memory-access=allow -jar channels-bench/target/benchmarks.jar '\.RoundTripBenchmark\.' -p impl=exchangeFloor,channels-busySpin,channels-spinThenPark,channelsFloorCode-busySpin,channelsFloorCode-spinThenPark -p threads=platform -f 3 -wi 2 -w 500ms -i 5 -r 500ms -jvmArgsAppend "-Dx.lean=true -Dx.leanawait=true" -rf json -rff "$out"/leanawait-p$r.json > "$out"/leanawait-p$r.log 2>&1
done
echo done
