#!/usr/bin/env bash
set -euo pipefail
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
for round in 1 2; do for build in after before; do
  "$J" -XX:+IgnoreUnrecognizedVMOptions --sun-misc-unsafe-memory-access=allow -jar /tmp/bench-$build.jar FreshValueBenchmark \
    -p impl=channels-busySpin,channels-spinThenPark,exchanger -p values=reused -f 3 -wi 3 -w 1s -i 5 -r 1s -jvmArgsAppend -XX:+UseZGC \
    -rf json -rff zr/zgc-reused-$build-$round.json > zr/zgc-reused-$build-$round.log 2>&1
  echo "== $round $build"; grep -E "^FreshValueBenchmark.roundTrip +" zr/zgc-reused-$build-$round.log
done; done
