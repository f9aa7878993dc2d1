#!/usr/bin/env python3
"""Median over all iterations (all forks) of each contender's per-iteration ratio to the
single-word floor (the rig's secondary metric 'ratio'), and of its median ns; one line per file
and contender. Usage: python3 parse.py FILE.json..."""
import json, statistics, sys

for path in sys.argv[1:]:
    for r in json.load(open(path)):
        impl = r["params"]["impl"]
        m = r["secondaryMetrics"]
        ratios = [x for fork in m["ratio"]["rawData"] for x in fork]
        ns = [x for fork in m["nsMedian"]["rawData"] for x in fork]
        print(f"{path:28s} {impl:20s} ratio {statistics.median(ratios):5.2f}x "
              f"[{min(ratios):.2f}, {max(ratios):.2f}]  {statistics.median(ns):6.1f} ns  n={len(ratios)}")
