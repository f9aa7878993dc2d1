#!/bin/bash
# Fixed quiet periods (x.quiet pauses before every first look), scratch build: ADR 0008 "Decided".
cd "${SCRATCH:?a worktree at a55c042 with scratch.diff applied and built}"
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
mkdir -p "${OUT:-/tmp/quiet}"
for r in 1 2; do for q in ${QUIETS:-0 2 4 6 8 11}; do  # run as two batches: 0 2 4, then 0 6 8 11
$J -XX:+IgnoreUnrecognizedVMOptions --sun-misc-unsafe-memory-access=allow -jar channels-bench/target/benchmarks.jar '\.RoundTripBenchmark\.' -p impl=exchangeFloor,channels-busySpin,channels-spinThenPark -p threads=platform -f 3 -wi 2 -w 500ms -i 5 -r 500ms -jvmArgsAppend "-Dx.quiet=$q" -rf json -rff ${OUT:-/tmp/quiet}/quiet-$q-$r.json > ${OUT:-/tmp/quiet}/quiet-$q-$r.log 2>&1
python3 - "$q" "$r" "${OUT:-/tmp/quiet}" <<'PY'
import json,sys,statistics
d=json.load(open(sys.argv[3]+'/quiet-%s-%s.json'%(sys.argv[1],sys.argv[2])))
out=[]
for b in d:
    sm=b['secondaryMetrics']
    raw=[v for f in sm['ratio']['rawData'] for v in f]; ns=[v for f in sm['nsMedian']['rawData'] for v in f]
    out.append("%s %.2fx %.0fns"%(b['params']['impl'], statistics.median(raw), statistics.median(ns)))
print("quiet=%s round %s: "%(sys.argv[1],sys.argv[2]) + " | ".join(out))
PY
done; done
