#!/usr/bin/env python3
"""Per locked instruction in a perfasm log: % of cpu-clock samples on the instruction after it
(where a stalled locked instruction's time lands) and that as ns per round trip (two threads busy).
usage: cas.py LOG NS_PER_ROUND_TRIP"""
import re,sys
lines=open(sys.argv[1]).read().split('\n')
rt=float(sys.argv[2])
stop=next(i for i,l in enumerate(lines) if l.startswith('....[Hottest Regions]'))
ins=[]
for i,l in enumerate(lines[:stop]):
    m=re.match(r'\s+(?:(\d+\.\d+)%)?[\s│╭╰↗↘─┼╮╯]*(0x[0-9a-f]+):\s+(.*)',l)
    if m: ins.append((i,float(m.group(1) or 0),m.group(2),m.group(3).split(';')[0].strip()))
for k,(i,p,a,t) in enumerate(ins):
    if 'lock cmpxchg' in t and k+1<len(ins):
        v=p+ins[k+1][1]
        if v<0.2: continue
        # look back for the frames mentioning known methods
        ctx=' '.join(lines[max(0,ins[max(0,k-12)][0]):i])
        fr=re.findall(r'; - (?:\S+\.)?(\w+::\w+)@',ctx)
        fr=[f for f in fr if not f.startswith('VarHandle') and 'Guards' not in f]
        back=[x[3] for x in ins[max(0,k-6):k]]
        print("%6.2f%% %6.1f ns/RT  %-40s | %s | %s"%(v,v/100*2*rt,t[:40],' ; '.join(b[:28] for b in back[-3:]), ','.join(dict.fromkeys(fr[-3:]))))
