// Command tojmh converts the output of `go test -bench` into JMH's JSON result format (the
// format `java -jar benchmarks.jar -rf json` writes), so that the channels-bench report reads the
// Go results like any JMH result:
//
//	go test -run '^$' -bench . -benchmem -cpu 2 -count 6 | go run ./cmd/tojmh -prefix go > go.json
//
// One entry per benchmark (BenchmarkRoundTrip-2 becomes "go.RoundTrip", with the parameter
// gomaxprocs=2); each -count repetition is one measurement iteration of one fork. The primary
// metric is ns/op: score the mean over the repetitions, scoreError the half-width of its 99.9%
// confidence interval (Student's t, as JMH computes it), rawData the repetitions. Other units of
// the benchmark line become secondary metrics: B/op as gc.alloc.rate.norm, allocs/op as allocs,
// and custom metrics (b.ReportMetric) under their unit's name up to its first '-' (goFloor-ns:
// "goFloor" in ns).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
)

type metric struct {
	Score            float64            `json:"score"`
	ScoreError       any                `json:"scoreError"`
	ScoreConfidence  []any              `json:"scoreConfidence"`
	ScorePercentiles map[string]float64 `json:"scorePercentiles"`
	ScoreUnit        string             `json:"scoreUnit"`
	RawData          [][]float64        `json:"rawData"`
}

type entry struct {
	JmhVersion            string            `json:"jmhVersion"`
	Benchmark             string            `json:"benchmark"`
	Mode                  string            `json:"mode"`
	Threads               int               `json:"threads"`
	Forks                 int               `json:"forks"`
	Jvm                   string            `json:"jvm"`
	JvmArgs               []string          `json:"jvmArgs"`
	JdkVersion            string            `json:"jdkVersion"`
	VMName                string            `json:"vmName"`
	VMVersion             string            `json:"vmVersion"`
	WarmupIterations      int               `json:"warmupIterations"`
	WarmupTime            string            `json:"warmupTime"`
	WarmupBatchSize       int               `json:"warmupBatchSize"`
	MeasurementIterations int               `json:"measurementIterations"`
	MeasurementTime       string            `json:"measurementTime"`
	MeasurementBatchSize  int               `json:"measurementBatchSize"`
	Params                map[string]string `json:"params"`
	PrimaryMetric         metric            `json:"primaryMetric"`
	SecondaryMetrics      map[string]metric `json:"secondaryMetrics"`
}

// series collects one benchmark's values, unit by unit, in the order of the repetitions.
type series struct {
	name       string
	gomaxprocs string
	units      []string
	values     map[string][]float64
}

func main() {
	prefix := flag.String("prefix", "go", "benchmark name prefix: <prefix>.<Name>")
	version := flag.String("version", "", "the Go version, for the jdkVersion/vmVersion fields")
	benchtime := flag.String("benchtime", "", "the -benchtime the benchmarks ran with")
	flag.Parse()
	all, cpu, err := parse(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "tojmh:", err)
		os.Exit(1)
	}
	if len(all) == 0 {
		fmt.Fprintln(os.Stderr, "tojmh: no benchmark lines in the input")
		os.Exit(1)
	}
	var out []entry
	for _, s := range all {
		out = append(out, toEntry(*prefix, s, *version, *benchtime, cpu))
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "    ")
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "tojmh:", err)
		os.Exit(1)
	}
}

// parse reads `go test -bench` output: lines "BenchmarkName-P  N  value unit  value unit ...".
func parse(r io.Reader) ([]*series, string, error) {
	var order []*series
	byKey := map[string]*series{}
	cpu := ""
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "cpu: ") {
			cpu = strings.TrimPrefix(line, "cpu: ")
			continue
		}
		f := strings.Fields(line)
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") || len(f)%2 != 0 {
			continue
		}
		if _, err := strconv.ParseInt(f[1], 10, 64); err != nil {
			continue // not a result line (e.g. a log line that starts with "Benchmark")
		}
		name, procs := strings.TrimPrefix(f[0], "Benchmark"), "1"
		if i := strings.LastIndex(name, "-"); i > 0 {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				name, procs = name[:i], name[i+1:]
			}
		}
		key := name + "/" + procs
		s := byKey[key]
		if s == nil {
			s = &series{name: name, gomaxprocs: procs, values: map[string][]float64{}}
			byKey[key] = s
			order = append(order, s)
		}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return nil, "", fmt.Errorf("bad value %q in %q", f[i], line)
			}
			unit := f[i+1]
			if _, seen := s.values[unit]; !seen {
				s.units = append(s.units, unit)
			}
			s.values[unit] = append(s.values[unit], v)
		}
	}
	return order, cpu, sc.Err()
}

func toEntry(prefix string, s *series, version, benchtime, cpu string) entry {
	n := len(s.values["ns/op"])
	e := entry{
		JmhVersion:            "go test (converted by channels-bench/go/cmd/tojmh)",
		Benchmark:             prefix + "." + s.name,
		Mode:                  "avgt",
		Threads:               1,
		Forks:                 1,
		Jvm:                   "go test",
		JvmArgs:               []string{"-cpu " + s.gomaxprocs},
		JdkVersion:            version,
		VMName:                "Go runtime (" + cpu + ")",
		VMVersion:             version,
		MeasurementIterations: n,
		MeasurementTime:       benchtime,
		MeasurementBatchSize:  1,
		Params:                map[string]string{"gomaxprocs": s.gomaxprocs},
		SecondaryMetrics:      map[string]metric{},
	}
	for _, unit := range s.units {
		name, u := metricName(unit)
		m := summarize(s.values[unit], u)
		if unit == "ns/op" {
			e.PrimaryMetric = m
		} else {
			e.SecondaryMetrics[name] = m
		}
	}
	return e
}

// metricName maps a go test unit to a JMH metric name and unit.
func metricName(unit string) (string, string) {
	switch unit {
	case "ns/op":
		return "primary", "ns/op"
	case "B/op":
		return "gc.alloc.rate.norm", "B/op"
	case "allocs/op":
		return "allocs", "#/op"
	}
	if i := strings.Index(unit, "-"); i > 0 {
		return unit[:i], unit[i+1:]
	}
	return unit, "x"
}

func summarize(v []float64, unit string) metric {
	n := float64(len(v))
	mean := 0.0
	for _, x := range v {
		mean += x
	}
	mean /= n
	m := metric{Score: mean, ScoreUnit: unit, RawData: [][]float64{v}}
	if len(v) > 1 {
		ss := 0.0
		for _, x := range v {
			ss += (x - mean) * (x - mean)
		}
		sd := math.Sqrt(ss / (n - 1))
		e := t999(len(v)-1) * sd / math.Sqrt(n)
		m.ScoreError = e
		m.ScoreConfidence = []any{mean - e, mean + e}
	} else {
		m.ScoreError = "NaN" // as JMH writes it for a single iteration
		m.ScoreConfidence = []any{"NaN", "NaN"}
	}
	sorted := append([]float64(nil), v...)
	sort.Float64s(sorted)
	m.ScorePercentiles = map[string]float64{}
	for _, p := range []float64{0, 50, 90, 95, 99, 99.9, 99.99, 99.999, 99.9999, 100} {
		m.ScorePercentiles[strconv.FormatFloat(p, 'f', -1, 64)+pointZero(p)] = percentile(sorted, p)
	}
	return m
}

// pointZero makes the percentile keys look like JMH's ("0.0", "50.0", "99.9").
func pointZero(p float64) string {
	if p == math.Trunc(p) {
		return ".0"
	}
	return ""
}

func percentile(sorted []float64, p float64) float64 {
	if len(sorted) == 1 {
		return sorted[0]
	}
	pos := p / 100 * float64(len(sorted)-1)
	lo := int(math.Floor(pos))
	if lo >= len(sorted)-1 {
		return sorted[len(sorted)-1]
	}
	return sorted[lo] + (pos-float64(lo))*(sorted[lo+1]-sorted[lo])
}

// t999 is the 0.9995 quantile of Student's t distribution with df degrees of freedom: the factor
// of a two-sided 99.9% confidence interval, which JMH reports as scoreError. Tabulated; for
// degrees of freedom between the rows, the next smaller row's (larger, conservative) value.
func t999(df int) float64 {
	table := []float64{0, 636.619, 31.599, 12.924, 8.610, 6.869, 5.959, 5.408, 5.041, 4.781, 4.587,
		4.437, 4.318, 4.221, 4.140, 4.073, 4.015, 3.965, 3.922, 3.883, 3.850,
		3.819, 3.792, 3.768, 3.745, 3.725, 3.707, 3.690, 3.674, 3.659, 3.646}
	switch {
	case df < len(table):
		return table[df]
	case df < 40:
		return 3.646
	case df < 60:
		return 3.551
	case df < 120:
		return 3.460
	default:
		return 3.373
	}
}
