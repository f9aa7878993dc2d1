#!/bin/bash
# The runs of results.md, in the order they ran (each 3 forks, platform threads). benchmarks.jar is
# built from commit de9adb4 with scratch.diff applied (never merged). Nothing else may run meanwhile.
set -e
J=${J:-benchmarks.jar}
run() { # out impl jvm-args
  java -jar "$J" '\.RoundTripBenchmark\.' -p threads=platform -p impl="$2" -f 3 -wi 2 -w 500ms -i 6 -r 500ms \
    -jvmArgsAppend "$3" -rf json -rff "json/$1.json"
}
FC=channelsFloorCode-busySpin
Q="-Dx.quiet=4 -Dx.fixed=4"
# 1. side by side (fc-r*.json; the floor code without any of the library's work)
for r in 1 2; do run fc-r$r exchangeFloor,$FC,channelsReplies-busySpin,channels-busySpin "$Q"; done
# 2. the library's work put back into the floor code, one group at a time, then all of it
for r in 1 2; do
  for v in none e d t w all lib; do
    case $v in
      none) run b$r-$v $FC "$Q";;
      all)  run b$r-$v $FC "$Q -Dx.e=true -Dx.d=true -Dx.t=true -Dx.w=true";;
      lib)  run b$r-$v channels-busySpin "$Q";;
      *)    run b$r-$v $FC "$Q -Dx.$v=true";;
    esac
  done
done
# 3. three more rounds: the three groups without the wait loop (edt), and send() without transfer's loop (lean)
for r in 3 4 5; do
  run b$r-none $FC "$Q"
  run b$r-all $FC "$Q -Dx.e=true -Dx.d=true -Dx.t=true -Dx.w=true"
  run b$r-edt $FC "$Q -Dx.e=true -Dx.d=true -Dx.t=true"
  run b$r-lib channels-busySpin "$Q"
  run b$r-lean channels-busySpin "$Q -Dx.l=true"
done
# 4. G1 against Epsilon (no barriers, no collections)
for r in 1 2; do
  run gc$r-g1 exchangeFloor,$FC,channels-busySpin "$Q"
  run gc$r-eps exchangeFloor,$FC,channels-busySpin "$Q -XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC -Xms3g -Xmx3g -XX:+AlwaysPreTouch"
done
# 5. more inlining
for r in 1 2 3; do
  run in$r-def channels-busySpin "-Dx.fixed=4"
  run in$r-isc channels-busySpin "-Dx.fixed=4 -XX:InlineSmallCode=8000 -XX:MaxInlineLevel=30"
done
python3 ../2026-12-07-floors-106/parse.py json/*.json > parsed.txt
