# Makes tests/fuzz/seeds/ from testdata/: python3 tests/fuzz/seeds.py (from the repository root or anywhere).
import os, json, glob, hashlib, random
root=os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
out=os.path.join(root,'tests/fuzz/seeds')
SEP=b"\n@@@@\n"
NAMES = ["123456789012/eu-west-1/describe-vpcs.json","123456789012/eu-west-1/describe-vpc-endpoints.json","123456789012/us-east-1/describe-security-groups.json","210987654321/eu-west-1/vpce-svc-0123456789abcdef0/describe-vpc-endpoint-service-permissions.json","export/describe-subnets.json","plan.json","aiven/my-kafka/service.json","123456789012/route53/Z0123456789ABCDEFGHIJ/list-resource-record-sets.json"]
def put(target, data, hint=''):
    d=os.path.join(out,target); os.makedirs(d,exist_ok=True)
    name=(hint+'-' if hint else '')+hashlib.sha1(data).hexdigest()[:12]
    open(os.path.join(d,name),'wb').write(data)
def rd(p): return open(os.path.join(root,p),'rb').read()
MAX=12000
# export: one file of every kind seen, smallest first, plus the bad inputs
seen={}
for p in sorted(glob.glob(root+'/testdata/**/*.json',recursive=True), key=os.path.getsize):
    rel=os.path.relpath(p,root)
    if 'schemas/' in rel or os.path.getsize(p)>MAX: continue
    data=open(p,'rb').read()
    base=os.path.basename(p)
    if 'terraform' in rel or base=='plan.json': continue
    key=base
    if rel.startswith('testdata/bad/'): key=rel
    if key in seen: continue
    seen[key]=1
    pick=0
    if 'aiven' in rel: pick=6
    elif 'permissions' in base: pick=3
    elif 'subnets' in base: pick=4
    elif '/route53/' in rel: pick=7
    put('export', bytes([pick])+data, os.path.splitext(base)[0][:40])
# terraform plans
plans=[p for p in glob.glob(root+'/testdata/**/*.json',recursive=True) if 'terraform' in p or os.path.basename(p)=='plan.json']
for p in sorted(plans, key=os.path.getsize):
    if os.path.getsize(p)>24000: continue
    data=open(p,'rb').read()
    put('terraform', data, os.path.relpath(os.path.dirname(p), root+'/testdata').replace('/','_')[:40])
    if os.path.getsize(p) < 6000:
        put('export', bytes([5])+data, 'plan')
# aiven folders
for d in sorted(glob.glob(root+'/testdata/**/aiven/*/',recursive=True)):
    parts=[]
    for n in ['service.json','privatelink.json','connections.json']:
        p=os.path.join(d,n)
        parts.append(open(p,'rb').read() if os.path.exists(p) else b'')
    while parts and parts[-1]==b'': parts.pop()
    data=SEP.join(parts)
    if len(data)<30000: put('aiven', data, os.path.basename(d.rstrip('/')))
# policies: every PolicyDocument / policy string
pols=set()
def walk(v):
    if isinstance(v,dict):
        for k,x in v.items():
            if k in ('PolicyDocument','policy') and isinstance(x,str) and x.strip(): pols.add(x)
            else: walk(x)
    elif isinstance(v,list):
        for x in v: walk(x)
for p in glob.glob(root+'/testdata/**/*.json',recursive=True):
    try: walk(json.load(open(p)))
    except Exception: pass
for x in sorted(pols, key=len)[:60]:
    put('policy', x.encode())
# config: every toml, with the baseline and a custom rule after separators
tomls=sorted(glob.glob(root+'/testdata/**/*.toml',recursive=True))
rules=sorted(glob.glob(root+'/testdata/custom-rules/**/*.json',recursive=True))
rules=[r for r in rules if 'estate' not in r]
baseline=json.dumps({"version":1,"tool":"vpclint","findings":[{"fingerprint":"0123456789abcdef","rule":"VPCE002","name":"single-az-endpoint","resource":"vpc-endpoint vpce-1","message":"m"}]},indent=2).encode()
for i,t in enumerate(tomls):
    data=open(t,'rb').read()
    put('config', data, os.path.basename(os.path.dirname(t))[:30])
extra=b'baseline = "baseline.json"\ncustom-rules = ["policies/*.json"]\ntrusted-accounts = ["123456789012"]\n'
for r in rules[:3]:
    put('config', extra+SEP+baseline+SEP+open(r,'rb').read(), 'with-rule')
put('config', open(root+'/testdata/suppress/vpclint.toml','rb').read()+b'\n'+extra+SEP+baseline, 'suppress-baseline')
# custom rules
for r in rules:
    put('custom', open(r,'rb').read(), os.path.basename(r)[:30])
# structured targets: random bytes
rnd=random.Random(21)
for t,n in (('span',24),('estate',24)):
    for i in range(n):
        size=rnd.choice([64,256,1024,4096])
        put(t, bytes(rnd.getrandbits(8) for _ in range(size)), 'random')
