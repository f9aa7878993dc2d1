#!/bin/bash
out=$(cd "$(dirname "$0")" && pwd)
cd "${SCRATCH:?set SCRATCH to the scratch worktree}"
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
for r in 1 2; do
for v in "lean:-Dx.lean=true" "all:-Dx.fc.enter=true -Dx.fc.deposited=true -Dx.fc.take=true"; do
  n=${v%%:*}; a=${v#*:}
  $J -XX:+IgnoreUnrecognizedVMOptions --sun-misc-unsafe-memory-access=allow -jar channels-bench/target/benchmarks.jar '\.RoundTripBenchmark\.' -p impl=exchangeFloor,channels-busySpin,channelsFloorCode-busySpin -p threads=platform -f 3 -wi 2 -w 500ms -i 5 -r 500ms -jvmArgsAppend "-Dx.dummy=1 $a" -rf json -rff "$out"/l$r-$n.json > "$out"/l$r-$n.log 2>&1
done; done; echo done
