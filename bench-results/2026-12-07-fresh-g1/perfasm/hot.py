import re,sys
lines=open(sys.argv[1]).read().split('\n')
start=[i for i,l in enumerate(lines) if 'Hottest Region 1]' in l][0]
end=[i for i,l in enumerate(lines) if 'Hottest Methods' in l][0]
out=[]
for i in range(start,end):
    m=re.match(r'^\s*([0-9.]+)%\s+[│╭╰↗↘ ]*\s*(0x[0-9a-f]+):\s+(.*?)(;|$)',lines[i])
    if not m: continue
    pct=float(m.group(1))
    if pct<0.4: continue
    # context: previous instruction's annotation (the instruction that stalled is usually the previous one)
    ctx=''
    for j in range(i-1,max(i-40,start),-1):
        mm=re.search(r'; - (dev\.channels\.[\w.$]+::\w+@\d+ \(line \d+\))',lines[j])
        if mm: ctx=mm.group(1); break
        if re.match(r'^\s*[0-9.]*%?\s*[│╭╰↗↘ ]*\s*0x[0-9a-f]+:',lines[j]) and j<i-1: pass
    prev=''
    for j in range(i-1,max(i-40,start),-1):
        mm=re.match(r'^\s*[0-9.]*%?\s*[│╭╰↗↘ ]*\s*(0x[0-9a-f]+):\s+(.*?)(;|$)',lines[j])
        if mm: prev=mm.group(2).strip(); break
    out.append((pct,m.group(2)[-5:],m.group(3).strip()[:40],prev[:45],ctx))
for o in sorted(out,reverse=True)[:30]: print('%6.2f%% %s %-40s| prev: %-45s| %s'%o)
