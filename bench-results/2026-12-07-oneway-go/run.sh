#!/bin/bash
# One way, item by item, platform threads: our stream (StreamBenchmark, 3 forks) and Go's (BenchmarkStream,
# GOMAXPROCS=2, 6 counts of 1 s) one after the other, three rounds, Go first in round 2. Model-106 Xeon, 2 vCPU,
# Temurin 25.0.3, Go 1.19, nothing else running; commit 01c0ab1 (code as 28c5bf8).
set -e
for r in 1 2 3; do
  if [ $r = 2 ]; then BENCH_MODE=quick GO_BENCH='^BenchmarkStream$' channels-bench/scripts/go.sh go-r$r; fi
  java -jar channels-bench/target/benchmarks.jar '\.StreamBenchmark\.' -p threads=platform \
    -p impl=singleWordFloor,channels-spinThenPark,channels-busySpin -f 3 -wi 2 -w 500ms -i 6 -r 500ms -rf json -rff st-r$r.json
  if [ $r != 2 ]; then BENCH_MODE=quick GO_BENCH='^BenchmarkStream$' channels-bench/scripts/go.sh go-r$r; fi
done
