#!/bin/bash
# Alternated A/B, RoundTripBenchmark, platform threads, busySpin and the default, 2 forks per run, 6 rounds.
#   before: 47cb725 (the exchange before the tenth session: instanceof on the slot's contents)
#   after:  79949a2 (the tenth session's exchange: references kept by the exchange, no header read)
#   pre3:   79949a2 + the three classes initialized with Exchange + isArrival reading the batch fields
#           itself (committed) + Exchange.wake's unpark and signal moved out of line (not committed:
#           it did not make C2 inline the deposit)
# Each jar: channels-bench/target/benchmarks.jar built at that code, copied to /tmp/b-<name>.jar.
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
for round in 1 2 3 4 5 6; do
  for v in before after pre3; do
    $J -XX:+IgnoreUnrecognizedVMOptions --sun-misc-unsafe-memory-access=allow -jar /tmp/b-$v.jar '\.RoundTripBenchmark\.' -p impl=channels-busySpin,channels-spinThenPark -p threads=platform -f 2 -wi 2 -w 500ms -i 5 -r 500ms -rf json -rff json/r$round-$v.json > r$round-$v.log 2>&1
  done
done
echo done
# then: python3 parse.py json > summary.txt
