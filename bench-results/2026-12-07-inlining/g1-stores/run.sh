#!/usr/bin/env bash
# FreshValueBenchmark, G1, alternated: fix (44a880c), x (no `received` store for single values), xy (hack: no `peer` store either)
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
for round in 1 2 3; do
  for build in fix x xy; do
    echo "=== round $round, $build: $(cut -d' ' -f1-3 /proc/loadavg)"
    $J -XX:+IgnoreUnrecognizedVMOptions --sun-misc-unsafe-memory-access=allow -jar /tmp/b-$build.jar FreshValueBenchmark \
      -p impl=channels-busySpin,channels-spinThenPark -f 2 -wi 3 -w 1s -i 5 -r 1s -rf json -rff /tmp/fx/$build-$round.json > /tmp/fx/$build-$round.log 2>&1
    grep -E "^FreshValueBenchmark.roundTrip +" /tmp/fx/$build-$round.log
  done
done
echo done
