#!/bin/bash
# A/B of the batch descriptor, 2026-12-06: the reused descriptor (main at f6574ec, /work/bench-main.jar)
# against a fresh descriptor per sendAll (experiment.diff applied to f6574ec, /work/bench-fresh-batch.jar),
# each built with `mvn -B -ntp -o -q -pl channels-bench -am package -DskipTests -Djcstress.skip`.
# Platform threads: three rounds, the two builds alternated; then one round on virtual threads.
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
for round in 1 2 3; do
  for v in main fresh-batch; do
    $J --sun-misc-unsafe-memory-access=allow -jar /work/bench-$v.jar 'BatchBenchmark' \
      -p impl=channels-busySpin,channels-spinThenPark,jctools -p batch=1,16,256 -p threads=platform \
      -f 1 -wi 2 -w 500ms -i 5 -r 500ms -prof gc -rf json -rff $v-$round.json
  done
done
for v in main fresh-batch; do
  $J --sun-misc-unsafe-memory-access=allow -jar /work/bench-$v.jar 'BatchBenchmark.batches' \
    -p impl=channels-busySpin,channels-spinThenPark -p batch=1,16,256 -p threads=virtual \
    -f 1 -wi 2 -w 500ms -i 5 -r 500ms -prof gc -rf json -rff virtual-$v-1.json
done
