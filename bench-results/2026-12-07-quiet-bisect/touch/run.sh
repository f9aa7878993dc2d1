#!/bin/bash
# x.touch: after a successful take, an opaque store to a field on the slot's cache line, so that
# the line is being taken for the next deposit while the call returns (scratch.diff, never merged).
# Four rounds, touch off and on alternated; benchmarks.jar built from de9adb4 + scratch.diff.
J=${J:-benchmarks.jar}
for r in 1 2 3 4; do
  for v in off on; do
    case $v in off) g="";; on) g="-Dx.touch=true";; esac
    java -jar "$J" '\.RoundTripBenchmark\.' -p threads=platform -p impl=channels-busySpin,channels-spinThenPark -f 3 -wi 2 -w 500ms -i 6 -r 500ms \
      -jvmArgsAppend "$g" -rf json -rff t$r-$v.json
  done
done
python3 ../../2026-12-07-floors-106/parse.py t*.json > parsed.txt
