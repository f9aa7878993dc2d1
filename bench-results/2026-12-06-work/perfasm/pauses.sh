#!/bin/bash
# Pauses per check in the waiting loop (x.pauses), scratch build: results.md section 2.
cd "${SCRATCH:?a worktree at a55c042 with scratch.diff applied and built}"
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
mkdir -p "${OUT:-/tmp/pauses}"
for r in 1 2; do for k in 1 2 3; do
$J -XX:+IgnoreUnrecognizedVMOptions --sun-misc-unsafe-memory-access=allow -jar channels-bench/target/benchmarks.jar '\.RoundTripBenchmark\.' -p impl=exchangeFloor,channels-busySpin -p threads=platform -f 3 -wi 2 -w 500ms -i 5 -r 500ms -jvmArgsAppend "-Dx.pauses=$k" -rf json -rff ${OUT:-/tmp/pauses}/pauses-$k-$r.json > ${OUT:-/tmp/pauses}/pauses-$k-$r.log 2>&1
python3 - "$k" "$r" "${OUT:-/tmp/pauses}" <<'PY'
import json,sys
d=json.load(open(sys.argv[3]+'/pauses-%s-%s.json'%(sys.argv[1],sys.argv[2])))
out=[]
for b in d:
    sm=b['secondaryMetrics']
    out.append("%s ratio=%.2f med=%.0f floor=%.0f"%(b['params']['impl'], sm['ratio']['score'], sm['nsMedian']['score'], sm['floor']['score']))
print("pauses=%s round %s: "%(sys.argv[1],sys.argv[2]) + " | ".join(out))
PY
done; done
