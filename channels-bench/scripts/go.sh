#!/usr/bin/env bash
# Runs the Go comparison (channels-bench/go: unbuffered channels, round trip, one-way stream, and
# select: fan-in of 2 producers and a server of 2 clients;
# GOMAXPROCS=2) and writes, into OUTDIR:
#   go.txt   the output of `go test -bench`
#   go.json  the same results in JMH's JSON format (go.RoundTrip, go.Stream, go.SelectFanIn,
#            go.SelectServer), which the report reads with the JMH results of the run
#
#   channels-bench/scripts/go.sh OUTDIR
#
# BENCH_MODE (smoke, quick, thorough, select, headline; default quick) picks -benchtime and -count
# (select: the Select benchmarks only, as quick; headline: round trip and stream only, 12 counts);
# GO_BENCHTIME, GO_COUNT and GO_BENCH (the -bench pattern) override them. Each -count repetition
# is one iteration in go.json.
# Without `go` on the PATH it says so and exits 0 (install: apt-get install -y golang-go).
# Run it on an otherwise idle machine, like the JMH benchmarks.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi
if ! command -v go >/dev/null 2>&1; then
  echo "Go is not installed (no 'go' on the PATH): the Go comparison is skipped." \
       "To include it: apt-get install -y golang-go (Go 1.19 on Debian 12)."
  exit 0
fi

mkdir -p "$1"
out=$(cd "$1" && pwd)

# the plain benchmarks only: BenchmarkThreads* (threads_test.go) are run by hand
pattern='^Benchmark(RoundTrip|Stream|SelectFanIn|SelectServer)$'
case "${BENCH_MODE:-quick}" in
  smoke)    benchtime=100ms; count=2 ;;
  select)   benchtime=1s;    count=6; pattern='^BenchmarkSelect(FanIn|Server)$' ;;
  quick)    benchtime=1s;    count=6 ;;
  thorough) benchtime=2s;    count=10 ;;
  headline) benchtime=1s;    count=12; pattern='^Benchmark(RoundTrip|Stream)$' ;;
  *)        benchtime=1s;    count=6 ;;
esac
benchtime=${GO_BENCHTIME:-$benchtime}
count=${GO_COUNT:-$count}
pattern=${GO_BENCH:-$pattern}

cd "$(dirname "$0")/../go"
version=$(go env GOVERSION)
# a build cache the script can always write, even when HOME is not writable
export GOCACHE=${GOCACHE:-$(go env GOCACHE 2>/dev/null || true)}
[ -n "$GOCACHE" ] && mkdir -p "$GOCACHE" 2>/dev/null || export GOCACHE=${TMPDIR:-/tmp}/channels-bench-gocache
export GOMAXPROCS=2

cmd=(go test -run '^$' -bench "$pattern" -benchmem -cpu 2 -benchtime "$benchtime" -count "$count")
echo ">>> (cd channels-bench/go && GOMAXPROCS=2 ${cmd[*]})   [$version]"
if ! "${cmd[@]}" 2>&1 | tee "$out/go.txt"; then
  echo "FAILED: the Go benchmark (output in $out/go.txt)" >&2
  exit 1
fi
go run ./cmd/tojmh -prefix go -version "$version" -benchtime "$benchtime" < "$out/go.txt" > "$out/go.json.tmp"
mv "$out/go.json.tmp" "$out/go.json"
echo "Go results: $out/go.json"
