#!/usr/bin/env bash
set -euo pipefail
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
for round in 3 4; do for build in after before; do
  "$J" -XX:+IgnoreUnrecognizedVMOptions --sun-misc-unsafe-memory-access=allow -jar /tmp/bench-$build.jar '\.RoundTripBenchmark\.' \
    -p impl=channels-busySpin,channels-spinThenPark,exchanger -p threads=platform -f 3 -wi 2 -w 500ms -i 5 -r 500ms \
    -rf json -rff rt2/rt-$build-$round.json > rt2/rt-$build-$round.log 2>&1
done; done
