import json,glob,statistics,sys
pat = sys.argv[1] if len(sys.argv)>1 else '/tmp/ab/r*.json'
for f in sorted(glob.glob(pat)):
    for b in json.load(open(f)):
        sm=b['secondaryMetrics']
        flat=lambda k:[x for fork in sm[k]['rawData'] for x in fork]
        r,ns,fl,dr=flat('ratio'),flat('nsMedian'),flat('floor'),flat('drift')
        keep=[i for i in range(len(r)) if dr[i]<=25]
        rk=[r[i] for i in keep]; nk=[ns[i] for i in keep]; fk=[fl[i] for i in keep]
        q=statistics.quantiles(rk,n=4)
        print('%-16s %-22s ratio %.2f [q1 %.2f q3 %.2f] n=%d ns %.0f floor %.0f' % (f.split('/')[-1], b['params']['impl'], statistics.median(rk), q[0], q[2], len(rk), statistics.median(nk), statistics.median(fk)))
