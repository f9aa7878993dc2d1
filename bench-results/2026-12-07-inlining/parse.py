import json,glob,statistics,sys,collections
d=collections.defaultdict(list); allr=collections.defaultdict(list)
for f in sorted(glob.glob(sys.argv[1]+'/r*.json')):
    name=f.split('/')[-1][:-5]; rnd,v=name.split('-',1)
    try: data=json.load(open(f))
    except Exception: continue
    for b in data:
        sm=b['secondaryMetrics']
        flat=lambda k:[x for fork in sm[k]['rawData'] for x in fork]
        r,ns,dr=flat('ratio'),flat('nsMedian'),flat('drift')
        keep=[i for i in range(len(r)) if dr[i]<=25]
        rk=[r[i] for i in keep]
        key=(b['params']['impl'],v)
        d[key].append((rnd,statistics.median(rk),statistics.median([ns[i] for i in keep])))
        allr[key]+=rk
for k in sorted(d):
    meds=[x[1] for x in d[k]]
    q=statistics.quantiles(allr[k],n=4)
    print('%-22s %-7s rounds: %s | median of rounds %.2f | pooled median %.2f [q1 %.2f q3 %.2f] n=%d | ns %s' % (k[0],k[1],' '.join('%.2f'%m for m in meds),statistics.median(meds),statistics.median(allr[k]),q[0],q[2],len(allr[k]),' '.join('%.0f'%x[2] for x in d[k])))
