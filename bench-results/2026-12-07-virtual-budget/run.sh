#!/bin/bash
# The runs of results.md, in the order they ran (model-106 Xeon, 2 vCPU, Temurin 25.0.3, virtual threads;
# nothing else ran meanwhile). Jars, built from commit df806ad with scratch changes to SpinThenPark only:
#   benchmarks.jar: df806ad's code (run as ../2026-12-07-ownership-106's own.jar with its switches off; fixed-*:
#              explicit budgets through Strategies' spinThenPark-N);
#   maxv.jar:  MAX_VIRTUAL_SPINS read from -Dx.maxv (probes spin the maximum, as committed then);
#   probe.jar: scratch.diff: the maximum from -Dx.maxv, probes of max(budget, -Dx.probev) spins, a probe's hit
#              jumps to the probe's length (old rule: -Dx.maxv=128 -Dx.probev=128; new: 1024 and 128);
#   vb.jar:    commit afd2eb3, which adopts the new rule (confirm/).
# Parse the round trips: python3 ../2026-12-07-floors-106/parse.py json/<dir>/rt-*.json, and summary.py here.
set -e
J=java
F=(-f 3 -wi 2 -w 500ms -i 6 -r 500ms -prof gc)
# fixed budgets beside the adaptive default, busySpin and Exchanger, two rounds
for r in 1 2; do
  $J -jar benchmarks.jar '\.RoundTripBenchmark\.' -p threads=virtual \
    -p impl=channels-busySpin,channels-spinThenPark,channels-spinThenPark-128,channels-spinThenPark-1024,exchanger \
    "${F[@]}" -rf json -rff json/fixed-r$r.json
done
# maxv: the adaptive maximum at 128 (as committed), 256 and 1024, probes spinning the maximum
for r in 1 2; do
  if [ $r = 1 ]; then o="128 256 1024"; else o="1024 256 128"; fi
  for m in $o; do
    $J -jar maxv.jar '\.RoundTripBenchmark\.' -p threads=virtual -p impl=channels-spinThenPark,exchanger "${F[@]}" \
      -jvmArgsAppend -Dx.maxv=$m -rf json -rff json/maxv/rt-r$r-m$m.json
  done
done
for r in 1 2; do
  if [ $r = 1 ]; then o="128 1024"; else o="1024 128"; fi
  for m in $o; do
    $J -jar maxv.jar '\.ManyPairsBenchmark\.' -p impl=channels-spinThenPark,synchronousQueue -f 2 \
      -jvmArgsAppend -Dx.maxv=$m -rf json -rff json/maxv/mp-r$r-m$m.json
  done
done
# probe: old rule against new rule (maximum 1024, probes of 128)
args() { [ $1 = old ] && echo "-Dx.maxv=128 -Dx.probev=128" || echo "-Dx.maxv=1024 -Dx.probev=128"; }
for r in 1 2; do
  if [ $r = 1 ]; then o="old new"; else o="new old"; fi
  for m in $o; do
    $J -jar probe.jar '\.ManyPairsBenchmark\.' -p impl=channels-spinThenPark,synchronousQueue -f 2 \
      -jvmArgsAppend "$(args $m)" -rf json -rff json/probe/mp-r$r-$m.json
  done
done
for r in 1 2 3; do
  if [ $r = 2 ]; then o="new old"; else o="old new"; fi
  for m in $o; do
    $J -jar probe.jar '\.RoundTripBenchmark\.' -p threads=virtual -p impl=channels-spinThenPark,exchanger "${F[@]}" \
      -jvmArgsAppend "$(args $m)" -rf json -rff json/probe/rt-r$r-$m.json
  done
done
# confirm: the commit (vb.jar) against the old rule, round trip and stream, two rounds
for r in 1 2; do
  if [ $r = 1 ]; then o="new old"; else o="old new"; fi
  for m in $o; do
    if [ $m = new ]; then jar=vb.jar; a=-Dx.none=1; else jar=probe.jar; a="-Dx.maxv=128 -Dx.probev=128"; fi
    $J -jar $jar '\.RoundTripBenchmark\.' -p threads=virtual -p impl=channels-spinThenPark,exchanger "${F[@]}" \
      -jvmArgsAppend "$a" -rf json -rff json/confirm/rt-r$r-$m.json
    $J -jar $jar '\.StreamBenchmark\.' -p threads=virtual -p impl=channels-spinThenPark,synchronousQueue "${F[@]}" \
      -jvmArgsAppend "$a" -rf json -rff json/confirm/st-r$r-$m.json
  done
done
# manyclients: one selecting server against 10 and 1,000 clients (virtual threads), old rule against new, three
# rounds (asked by the quick run's one-fork figures for the selector on virtual threads)
for r in 1 2 3; do
  if [ $r = 2 ]; then o="new old"; else o="old new"; fi
  for m in $o; do
    $J -jar probe.jar '\.ManyClientsBenchmark\.' -p impl=channels-spinThenPark -p clients=10,1000 -f 2 \
      -jvmArgsAppend "$(args $m)" -rf json -rff json/manyclients/mc-r$r-$m.json
  done
done
