#!/usr/bin/env bash
set -euo pipefail
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
for round in 1 2; do for build in before after; do
  "$J" -XX:+IgnoreUnrecognizedVMOptions --sun-misc-unsafe-memory-access=allow -jar /tmp/bench-$build.jar '\.RoundTripBenchmark\.' \
    -p impl=channels-busySpin,channels-spinThenPark,exchanger -p threads=platform,virtual -f 3 -wi 2 -w 500ms -i 5 -r 500ms \
    -rf json -rff rt/rt-$build-$round.json > rt/rt-$build-$round.log 2>&1
  echo "== $round $build $(cut -d' ' -f1-3 /proc/loadavg)"
done; done
python3 /work/main/bench-results/2026-12-07-quiet-ab/parse.py 'rt/*.json'
