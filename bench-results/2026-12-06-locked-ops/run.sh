#!/usr/bin/env bash
# The locked-instruction experiment of ADR 0008 (seventh session), on an otherwise idle machine.
#
# 1. The one-thread benchmark, from the committed build (run from the repository root, after
#    `mvn -B -ntp -pl channels-bench -am -DskipTests package`):
#      java -jar channels-bench/target/benchmarks.jar OneThreadBenchmark -f 3 -wi 3 -w 1s -i 5 -r 1s -prof gc
# 2. The library variants: a scratch worktree of commit a55c042 with variants/experiment.diff applied
#    (flags x.owner=entry|afterdeposit|none, x.plaintake, x.nospinintr, x.fewstores; unsafe, for
#    measurement only, never merged), built with `mvn -o -q -pl channels-bench -am -DskipTests -Djcstress.skip package`,
#    then this script with SCRATCH pointing at it.
set -euo pipefail
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
out=$(cd "$(dirname "$0")" && pwd)
cd "${SCRATCH:?set SCRATCH to the scratch worktree}"
jar=channels-bench/target/benchmarks.jar
for round in 1 2; do
  for v in entry:false afterdeposit:false none:false entry:true none:true; do
    o=${v%%:*}; t=${v##*:}
    "$java" -XX:+IgnoreUnrecognizedVMOptions --sun-misc-unsafe-memory-access=allow -jar "$jar" '\.RoundTripBenchmark\.' \
      -p impl=singleWordFloor,exchangeFloor,channels-busySpin -p threads=platform -f 3 -wi 2 -w 500ms -i 5 -r 500ms \
      -jvmArgsAppend "-Dx.owner=$o -Dx.plaintake=$t" -rf json -rff "$out/variants/r$round-$o-$t.json" > "$out/variants/r$round-$o-$t.log" 2>&1
  done
done
for v in entry:false none:false entry:true none:true; do
  o=${v%%:*}; t=${v##*:}
  "$java" -XX:+IgnoreUnrecognizedVMOptions --sun-misc-unsafe-memory-access=allow -jar "$jar" OneThreadBenchmark -p impl=channels \
    -f 2 -wi 3 -w 1s -i 5 -r 1s -jvmArgsAppend "-Dx.owner=$o -Dx.plaintake=$t" \
    -rf json -rff "$out/variants/onethread-$o-$t.json" > "$out/variants/onethread-$o-$t.log" 2>&1
done
# The echo check: impl=channels-busySpin,channelsReplies-busySpin,exchangeFloor, -f 2 -wi 2 -w 500ms -i 5 -r 500ms
# (variants/replies.json): the partner answers with a reply object distinct from every request.
# The later variants (variants/s*, variants/f*): impl=exchangeFloor,channels-busySpin, the same settings,
# -jvmArgsAppend "-Dx.nospinintr=false|true" and "-Dx.fewstores=false|true", each pair twice in turn.
