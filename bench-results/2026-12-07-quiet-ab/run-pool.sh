#!/usr/bin/env bash
# worker pool on virtual threads: the quiet period (as committed) against none, beside jox
set -u
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
cd /tmp/ab2
for r in 1 2; do
  for v in "frac6:-Dx.frac=6" "fixed0:-Dx.fixed=0"; do
    name=${v%%:*}; arg=${v#*:}
    $J -XX:+IgnoreUnrecognizedVMOptions --sun-misc-unsafe-memory-access=allow -jar /tmp/exp-bench.jar '\.SelectBenchmark\.workerPool' \
      -p impl=channels-spinThenPark,jox -p threads=virtual -f 2 -wi 2 -w 500ms -i 5 -r 500ms \
      -jvmArgsAppend "$arg" -rf json -rff r$r-$name.json > r$r-$name.log 2>&1
    echo "round $r $name done $(date +%T)"
  done
done
