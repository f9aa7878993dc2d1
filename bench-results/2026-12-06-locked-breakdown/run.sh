#!/bin/bash
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
cd /tmp/expruns
for round in 1 2 3; do
  for v in base noOwner noTake noDeposit noOwner,noTake,noDeposit; do
    tag=${v//,/+}
    $J -XX:+IgnoreUnrecognizedVMOptions --sun-misc-unsafe-memory-access=allow -jar /tmp/exp-benchmarks.jar '\.RoundTripBenchmark\.' \
      -p threads=platform -p impl=singleWordFloor,protocolFloor,oneCasFloor,channels-busySpin \
      -f 1 -wi 2 -w 500ms -i 8 -r 500ms -jvmArgsAppend "-Dchannels.exp=$v" -rf json -rff $tag-$round.json > $tag-$round.log 2>&1
    echo "== $tag round $round"; $J -cp /tmp/exp-benchmarks.jar dev.channels.bench.report.Console $tag-$round.json 2>&1 | grep RoundTrip
  done
done
