#!/usr/bin/env bash
# A/B of the round trip before the review fixes (c8697a7) and after them (5fef154), model-106 Xeon.
# Jars built from each commit: mvn -B -ntp -o -q package -DskipTests -Djcstress.skip -pl channels-core,channels-bench -am
# (copied to /tmp/vs/bench-c8697a7.jar and /tmp/vs/bench-HEAD.jar). Alternated: old new new old old new.
set -euo pipefail
java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
out=$(cd "$(dirname "$0")" && pwd)
i=0
for v in c8697a7 HEAD HEAD c8697a7 c8697a7 HEAD; do
  i=$((i+1))
  $java -XX:+IgnoreUnrecognizedVMOptions --sun-misc-unsafe-memory-access=allow -jar /tmp/vs/bench-$v.jar \
    '\.RoundTripBenchmark\.' -p impl=singleWordFloor,channels-busySpin,channels-spinThenPark -p threads=platform \
    -f 3 -wi 2 -w 500ms -i 6 -r 500ms -rf json -rff "$out/run-$i-$v.json" > "$out/run-$i-$v.txt" 2>&1
done
