#!/usr/bin/env python3
"""Total of a perfasm log's samples after the locked instructions, by operand width (dword: compressed
references: the slot's deposit CAS and the ownership CAS; qword: the take counts), as ns per round trip.
usage: cas-total.py LOG NS_PER_ROUND_TRIP"""
import re,sys
# usage: cas.py log rt_ns
lines=open(sys.argv[1]).read().split('\n')
rt=float(sys.argv[2])
stop=next(i for i,l in enumerate(lines) if l.startswith('....[Hottest Regions]'))
ins=[]
for i,l in enumerate(lines[:stop]):
    m=re.match(r'\s+(?:(\d+\.\d+)%)?[\s│╭╰↗↘─┼╮╯]*(0x[0-9a-f]+):\s+(.*)',l)
    if m: ins.append((i,float(m.group(1) or 0),m.group(2),m.group(3)))
tot={}
for k,(i,p,a,t) in enumerate(ins):
    if 'lock cmpxchg' in t and k+1<len(ins):
        nxt=ins[k+1]
        # frames between this and next+15 lines
        ctx=' '.join(lines[i:nxt[0]+14])
        fr=re.findall(r'; - (?:\S+\.)?(\w+::\w+)@',ctx)
        key=None
        for f in fr:
            if any(s in f for s in ('casSlot','casOwnerAcquire','::take','countTake','claim','exchangeRoundTrip','serveExchange','compareAndSet')):
                key=f; 
                if 'compareAndSet' not in f: break
        kind='dword' if 'dword' in t else 'qword'
        name="%s %s"%(kind,key)
        tot[name]=tot.get(name,0)+p+nxt[1]
for k,v in sorted(tot.items(),key=lambda x:-x[1]):
    print("%6.2f%%  %6.1f ns/RT  %s"%(v, v/100*2*rt, k))
