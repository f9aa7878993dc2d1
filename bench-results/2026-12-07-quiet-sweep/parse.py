#!/usr/bin/env python3
"""busySpin's ratio to the single-word floor per variant and round (the median over the 18
iterations of 3 forks), the median over the rounds, and in how many rounds each variant beat the
learned period (x.fixed=-1) of the same round. Usage: python3 parse.py (from this directory)."""
import glob, json, re, statistics

def ratio(path):
    for r in json.load(open(path)):
        if r["params"]["impl"] == "channels-busySpin":
            return statistics.median(x for fork in r["secondaryMetrics"]["ratio"]["rawData"] for x in fork)

for part, pattern in (("fixed", r"fx(-?\d+)-r(\d+)\.json"), ("ema", r"e-(\w+?)-r(\d+)\.json")):
    runs = {}
    for path in sorted(glob.glob(part + "/*.json")):
        m = re.search(pattern, path)
        runs.setdefault(m.group(1), {})[int(m.group(2))] = ratio(path)
    learned = runs["-1" if part == "fixed" else "learned"]
    print(f"== {part}/")
    for variant, by_round in sorted(runs.items()):
        rounds = sorted(by_round)
        wins = sum(1 for r in rounds if r in learned and by_round[r] < learned[r])
        print(f"{variant:10s} " + " ".join(f"r{r}={by_round[r]:.2f}" for r in rounds)
              + f"  median {statistics.median(by_round.values()):.2f}x  below learned in {wins} of "
              + f"{sum(1 for r in rounds if r in learned)} rounds")
