#!/bin/bash
# Model-106 Xeon, 2 vCPU, Temurin 25.0.3, nothing else running. own.jar = commit df806ad with scratch.diff (never
# merged): -Dx.plainowner=true takes ownership with a plain read and write (unsafe: for measurement only),
# -Dx.nointr=true skips the interrupt check on entry. Parse: python3 ../2026-12-07-floors-106/parse.py json/*.json
J=java
run() { $J -jar own.jar '\.RoundTripBenchmark\.' -p threads=platform -p impl=channels-busySpin -f 3 -wi 2 -w 500ms -i 6 -r 500ms -jvmArgsAppend "$2" -rf json -rff json/$1.json > $1.log 2>&1; }
for r in 1 2 3; do
  case $r in 1) o="base own intr both";; 2) o="both intr own base";; 3) o="own base both intr";; esac
  for v in $o; do
    case $v in base) a=-Dx.none=1;; own) a=-Dx.plainowner=true;; intr) a=-Dx.nointr=true;; both) a="-Dx.plainowner=true -Dx.nointr=true";; esac
    run r$r-$v "$a"
  done
done
