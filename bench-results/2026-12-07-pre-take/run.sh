#!/bin/bash
# The runs of results.md, in the order they ran (model-106 Xeon, 2 vCPU, Temurin 25.0.3, platform threads unless
# named; nothing else ran meanwhile). Jars: base911.jar = commit 911e52d; pt.jar and pt2.jar = 911e52d with
# scratch/scratch.diff (never merged; -Dx.pretake=true turns the scratch pre-take on, in the floor and the library);
# pre.jar = commit db22ac4 (scratch/library.diff: the pre-take as built, reverted in 3913c6c).
# Parse: python3 ../2026-12-07-floors-106/parse.py json/<dir>/*.json
set -e
R='\.RoundTripBenchmark\.'
F=(-f 3 -wi 2 -w 500ms -i 6 -r 500ms)
run() { # dir/out jar threads impls [jvm args]
  java -jar "$2" "$R" -p threads=$3 -p impl=$4 "${F[@]}" -jvmArgsAppend "${5:--Dx.none=1}" -rf json -rff "json/$1.json"
}
# pt: the floor's take moved before the wait (exchangeFloor, 2/4/6 quiet pauses), off / on / on / off
Q=exchangeFloor-quiet2,exchangeFloor-quiet4,exchangeFloor-quiet6
run pt/r1-off pt.jar platform $Q -Dx.pretake=false; run pt/r1-on pt.jar platform $Q -Dx.pretake=true
run pt/r2-on pt.jar platform $Q -Dx.pretake=true;   run pt/r2-off pt.jar platform $Q -Dx.pretake=false
# pt2: the library with the scratch pre-take (the fast path only), on / off alternated over three rounds
C=channels-busySpin,channels-spinThenPark
for r in 1 2 3; do
  if [ $r = 2 ]; then o="off on"; else o="on off"; fi
  for v in $o; do run pt2/r$r-$v pt2.jar platform $C -Dx.pretake=$([ $v = on ] && echo true || echo false); done
done
# ab: the pre-take as built (pre.jar) against the commit before it (base911.jar)
P=$C,jctools; V=$C,exchanger
run ab/p1-pre pre.jar platform $P; run ab/p1-base base911.jar platform $P
run ab/p2-base base911.jar platform $P; run ab/p2-pre pre.jar platform $P
run ab/p3-pre pre.jar platform $P; run ab/p3-base base911.jar platform $P
run ab/v1-pre pre.jar virtual $V; run ab/v1-base base911.jar virtual $V
run ab/v2-base base911.jar virtual $V; run ab/v2-pre pre.jar virtual $V
# ab2: the four side by side, two rounds in opposite orders
run ab2/r1-ptOn pt2.jar platform $C -Dx.pretake=true; run ab2/r1-pre pre.jar platform $C
run ab2/r1-base base911.jar platform $C; run ab2/r1-ptOff pt2.jar platform $C -Dx.pretake=false
run ab2/r2-ptOff pt2.jar platform $C -Dx.pretake=false; run ab2/r2-base base911.jar platform $C
run ab2/r2-pre pre.jar platform $C; run ab2/r2-ptOn pt2.jar platform $C -Dx.pretake=true
# ab3: pre.jar against base911.jar, six rounds, order alternated
for r in 1 2 3 4 5 6; do
  if [ $((r % 2)) = 1 ]; then run ab3/r$r-pre pre.jar platform $C; run ab3/r$r-base base911.jar platform $C
  else run ab3/r$r-base base911.jar platform $C; run ab3/r$r-pre pre.jar platform $C; fi
done
# ab4: busySpin only, the scratch pre-take against the built one and the base, order rotated
for r in 1 2 3 4 5 6; do
  case $((r % 3)) in 1) o="ptOn pre base";; 2) o="base ptOn pre";; 0) o="pre base ptOn";; esac
  for v in $o; do
    case $v in
      ptOn) run ab4/r$r-ptOn pt2.jar platform channels-busySpin -Dx.pretake=true;;
      pre) run ab4/r$r-pre pre.jar platform channels-busySpin;;
      base) run ab4/r$r-base base911.jar platform channels-busySpin;;
    esac
  done
done
# ab5: busySpin only: variants of db22ac4 without the slot read before the pre-take (v1.jar: reads Exchange.closing
# instead, scratch/variant-v1.diff; v2.jar: the same with the take's plain CAS, scratch/variant-v2.diff), beside the
# scratch pre-take and the base, order rotated
for r in 1 2 3 4; do
  case $r in 1) o="ptOn v1 v2 base";; 2) o="base v2 v1 ptOn";; 3) o="v1 base ptOn v2";; 4) o="v2 ptOn base v1";; esac
  for v in $o; do
    case $v in
      ptOn) run ab5/r$r-ptOn pt2.jar platform channels-busySpin -Dx.pretake=true;;
      v1|v2) run ab5/r$r-$v $v.jar platform channels-busySpin;;
      base) run ab5/r$r-base base911.jar platform channels-busySpin;;
    esac
  done
done
# final: the pre-take as kept (final.jar = commit caf15b7) against base911.jar, two rounds each, alternated;
# -prof gc on the round trips (gc/*.txt: gc.alloc.rate.norm per invocation of 1,024 round trips)
P=channels-busySpin,channels-spinThenPark,jctools,exchangeFloor-quiet4
V=channels-busySpin,channels-spinThenPark,exchanger
S=channels-busySpin,channels-spinThenPark,synchronousQueue
F=(-f 3 -wi 2 -w 500ms -i 6 -r 500ms -prof gc)
run final/p1-final final.jar platform $P; run final/p1-base base911.jar platform $P
run final/p2-base base911.jar platform $P; run final/p2-final final.jar platform $P
run final/v1-final final.jar virtual $V; run final/v1-base base911.jar virtual $V
run final/v2-base base911.jar virtual $V; run final/v2-final final.jar virtual $V
F=(-f 3 -wi 2 -w 500ms -i 6 -r 500ms)
R='\.StreamBenchmark\.'
run final/s1-final final.jar virtual $S; run final/s1-base base911.jar virtual $S
run final/s2-base base911.jar platform channels-busySpin,channels-spinThenPark; run final/s2-final final.jar platform channels-busySpin,channels-spinThenPark
