#!/bin/bash
# The runs of results.md. benchmarks.jar: commit de9adb4 with scratch.diff (never merged).
# x.fb steers the quiet period by the last wait's looks (x.fbdown eighths of a pause shorter after a
# wait whose first look found the answer, x.fbup eighths longer after one that did not).
J=${J:-benchmarks.jar}
run() { java -jar "$J" '\.RoundTripBenchmark\.' -p threads=platform -p impl=channels-busySpin,channels-spinThenPark \
  -f 3 -wi 2 -w 500ms -i 6 -r 500ms -jvmArgsAppend "$2" -rf json -rff "json/$1.json"; }
for r in 1 2 3 4; do          # the committed rule first in each round
  run f$r-off ""
  run f$r-fb48 "-Dx.fb=true -Dx.fbdown=4 -Dx.fbup=8"
  run f$r-fb88 "-Dx.fb=true -Dx.fbdown=8 -Dx.fbup=8"
done
for r in 5 6 7 8; do          # the order reversed
  run f$r-fb48 "-Dx.fb=true -Dx.fbdown=4 -Dx.fbup=8"
  run f$r-off ""
done
# the same build twice in a row (the committed jar of de9adb4 is the same code): aa/
for r in 1 2 3 4 5 6; do
  for v in a b; do
    java -jar "$J" '\.RoundTripBenchmark\.' -p threads=platform -p impl=channels-busySpin -f 3 -wi 2 -w 500ms -i 6 -r 500ms \
      -rf json -rff aa/a$r-$v.json
  done
done
python3 ../2026-12-07-floors-106/parse.py json/*.json aa/*.json > parsed.txt
