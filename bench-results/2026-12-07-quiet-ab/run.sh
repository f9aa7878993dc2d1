#!/usr/bin/env bash
# A/B of the quiet period's fraction: x.frac (sixteenths of the probe's wait), x.fixed (pauses)
set -u
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
cd /tmp/ab
for r in 1 2; do
  for v in "frac6:-Dx.frac=6" "frac4:-Dx.frac=4" "fixed0:-Dx.fixed=0" "fixed4:-Dx.fixed=4"; do
    name=${v%%:*}; arg=${v#*:}
    $J -XX:+IgnoreUnrecognizedVMOptions --sun-misc-unsafe-memory-access=allow -jar /tmp/exp-bench.jar '\.RoundTripBenchmark\.' \
      -p impl=channels-busySpin,channels-spinThenPark -p threads=platform -f 3 -wi 2 -w 500ms -i 5 -r 500ms \
      -jvmArgsAppend "$arg" -rf json -rff r$r-$name.json > r$r-$name.log 2>&1
    echo "round $r $name done $(date +%T)"
  done
done
