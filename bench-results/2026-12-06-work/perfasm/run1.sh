#!/bin/bash
# One JMH RoundTripBenchmark run under perfasm with the software cpu-clock event (this VM's perf
# has no hardware events), then the time per round trip stalled at each locked instruction.
# usage: run1.sh CHECKOUT IMPL NAME [JVM options...]   (CHECKOUT: a built checkout or scratch worktree)
# Needs: perf (Debian linux-perf), Debian's libhsdis0-fcml and the shim beside this script built as
#   gcc -O2 -shared -fPIC -o $HSDIS/hsdis-amd64.so hsdis-shim.c -ldl
set -euo pipefail
d=$1; impl=$2; name=$3; shift 3
here=$(cd "$(dirname "$0")" && pwd)
out=${OUT:-/tmp/perfasm}; mkdir -p "$out"
export LD_LIBRARY_PATH=${HSDIS:-/tmp/hsdis}
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
cd "$d" && $J -XX:+IgnoreUnrecognizedVMOptions --sun-misc-unsafe-memory-access=allow -jar channels-bench/target/benchmarks.jar \
  '\.RoundTripBenchmark\.' -p impl=$impl -p threads=platform -f 1 -wi 3 -w 1s -i 6 -r 1s -jvmArgsAppend "-Dx.dummy=1 $*" \
  -prof "perfasm:events=cpu-clock;hotThreshold=0.002;top=80;frequency=10000;intelSyntax=true" > "$out/$name.log" 2>&1
rt=$(grep -E "nsMedian .*avgt" "$out/$name.log" | awk '{print $(NF-3)}')
fl=$(grep -E "roundTrip:floor .*avgt" "$out/$name.log" | awk '{print $(NF-3)}')
echo "== $name rt=$rt floor=$fl"
python3 "$here/cas-total.py" "$out/$name.log" "$rt" | head -3; python3 "$here/cas.py" "$out/$name.log" "$rt"
