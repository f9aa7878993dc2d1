#!/bin/bash
# old = 2cb2c27 (before Withdrawals), new = 7eaf2f2
cd bench-results/2026-12-07-withdrawals-ab/json
for r in 1 2 3; do
  if [ $((r % 2)) -eq 1 ]; then order="old new"; else order="new old"; fi
  for v in $order; do
    jar=bench-2cb2c27.jar; [ $v = new ] && jar=bench-7eaf2f2.jar
    /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -XX:+IgnoreUnrecognizedVMOptions --sun-misc-unsafe-memory-access=allow -jar $jar '\.RoundTripBenchmark\.' -p impl=singleWordFloor,channels-busySpin,channels-spinThenPark -p threads=platform -f 3 -wi 2 -w 500ms -i 6 -r 500ms -rf json -rff $v-r$r.json > $v-r$r.txt 2>&1
  done
done
echo done > done.txt
