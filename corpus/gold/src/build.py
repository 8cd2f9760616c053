import json,glob,os,re,sys
base='/work/shared/corpus/public'
pairs=json.load(open(base+'/pairs.json'))
cmap={p['central'][:6]:p['central'] for p in pairs}
items=[];err=0
for f in sorted(glob.glob(os.path.dirname(__file__)+'/pair*.tsv')):
    pair=os.path.basename(f)[:6]
    txt=open(base+'/'+cmap[pair]).read()
    for ln in open(f):
        ln=ln.rstrip('\n')
        if not ln.strip() or ln.startswith('#'): continue
        a,t,v,l,n=[x.strip() for x in ln.split('|')]
        if t not in txt: print('NOTFOUND',pair,a,t[:30]);err+=1
        # check article
        i=txt.find(t); head=txt.rfind('\n第',0,i+1)
        m=re.match(r'\n(第[一二三四五六七八九十百零]+条)',txt[head:head+20])
        if not m or m.group(1)!=a: print('ART?',pair,a,m and m.group(1),t[:20]);err+=1
        assert v in ('covered','strengthened','weakened','missing','not_applicable'),v
        loc=[x for x in re.split('[,，、 ]+',l) if x]
        if v in('missing','not_applicable') and loc: print('LOC?',pair,a)
        items.append(dict(pair=pair,article=a,text=t,verdict=v,local=loc,note=n))
out=dict(guideline='corpus/gold/compare-public.md',items=items)
json.dump(out,open(os.path.dirname(__file__)+'/../compare-public.json','w'),ensure_ascii=False,indent=1)
from collections import Counter
c=Counter((i['pair']) for i in items);print(sorted(c.items()),len(items))
print(Counter(i['verdict'] for i in items))
for p in sorted(c): print(p,dict(Counter(i['verdict'] for i in items if i['pair']==p)))
sys.exit(1 if err else 0)
