#!/usr/bin/env python3
"""The hottest instructions of a JMH perfasm log (its first hottest region to the method list),
each with the instruction before it (a stalled instruction's samples land on the next one) and the
nearest source position above. Usage: python3 hot.py LOG."""
import re, sys

INSN = re.compile(r'^\s*(?:([0-9.]+)%)?\s+[│╭╰↗↘ ]*\s*(0x[0-9a-f]+):\s+(.*?)(;|$)')
lines = open(sys.argv[1]).read().split('\n')
start = next(i for i, l in enumerate(lines) if 'Hottest Region 1]' in l)
end = next(i for i, l in enumerate(lines) if 'Hottest Methods' in l)
out = []
for i in range(start, end):
    m = INSN.match(lines[i])
    if not m or not m.group(1) or float(m.group(1)) < 0.4:
        continue
    prev = ctx = ''
    for j in range(i - 1, max(i - 40, start), -1):
        mm = INSN.match(lines[j])
        if mm and not prev:
            prev = mm.group(3).strip()
        src = re.search(r'; - (dev\.channels\.[\w.$]+::\w+@\d+ \(line \d+\))', lines[j])
        if src and not ctx:
            ctx = src.group(1)
    out.append((float(m.group(1)), m.group(2)[-5:], m.group(3).strip()[:40], prev[:45], ctx))
for o in sorted(out, reverse=True)[:30]:
    print('%6.2f%% %s %-40s| prev: %-45s| %s' % o)
