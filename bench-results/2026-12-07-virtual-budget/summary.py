#!/usr/bin/env python3
"""One line per contender of each JSON file: mean ns, the rig's ratio to the floor, JMH's gc.alloc.rate.norm,
and the sampled percentiles (round trips); or the score (ManyPairs, Stream). Usage: summary.py FILE.json..."""
import json, sys
for f in sys.argv[1:]:
    for r in json.load(open(f)):
        sm = r['secondaryMetrics']
        g = lambda k: sm[k]['score'] if k in sm else float('nan')
        line = f"{f:34} {r['params']['impl']:24} mean {r['primaryMetric']['score']:7.0f} ns"
        if 'ratio' in sm:
            line += f"  ratio {g('ratio'):5.2f}"
        if 'gc.alloc.rate.norm' in sm:
            line += f"  B/op {g('gc.alloc.rate.norm'):6.3f}"
        if 'p99' in sm:
            line += f"  p50 {g('p50'):5.0f}  p99 {g('p99'):6.0f}  p99.9 {g('p99.9'):6.0f}"
        print(line)
