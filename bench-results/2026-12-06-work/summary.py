#!/usr/bin/env python3
"""Prints results.md's tables from work.json and alone.json: this folder's, or those of the folder given
(a `channels-bench/scripts/run.sh work` run)."""
import json, os, statistics, sys
here = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
work = json.load(open(os.path.join(here, 'work.json')))
alone = {int(b['params']['work']): b['primaryMetric']['score'] for b in json.load(open(os.path.join(here, 'alone.json')))}
impls = ["singleWordFloor", "exchangeFloor", "channels-busySpin", "channels-spinThenPark", "jctools"]
rows = {}
for b in work:
    p = b['params']
    raw = [v for fork in b['secondaryMetrics']['nsMedian']['rawData'] for v in fork]
    rows.setdefault(int(p['work']), {})[p['impl']] = (statistics.median(raw), min(raw), max(raw))
print("| work (tokens; ns alone) | " + " | ".join(impls) + " |")
print("|---|" + "--:|" * len(impls))
for w in sorted(rows):
    r = rows[w]
    f = r['singleWordFloor'][0]
    cells = []
    for i in impls:
        med, lo, hi = r[i]
        cells.append("%.0f ns [%.0f, %.0f]%s" % (med, lo, hi, "" if i == 'singleWordFloor' else " (%.2fx)" % (med / f)))
    print("| %d; %.1f | " % (w, alone.get(w, float('nan'))) + " | ".join(cells) + " |")
print()
print("Hand-offs alone: the round trip minus twice the work (ns)")
print("| work | " + " | ".join(impls) + " |")
print("|---|" + "--:|" * len(impls))
for w in sorted(rows):
    r = rows[w]
    print("| %d | " % w + " | ".join("%.0f" % (r[i][0] - 2 * alone.get(w, 0)) for i in impls) + " |")
