# Classifies passport-oauth2's test results (mocha JSON) against KakaoStrategy: every test that
# does not pass is put in the deliberate difference (docs/migration.md) it runs into.
# Usage: classify.py <all-tests.json from --dry-run> <results.json> <label>
import json, sys, collections
allt = json.load(open(sys.argv[1]))['tests']
d = json.load(open(sys.argv[2]))
mode = sys.argv[3]
passed={(t['file'],t['fullTitle']) for t in d['passes']}
fails={(t['file'],t['fullTitle']):t for t in d['failures']}
hooks=[t for t in d['failures'] if '"before all" hook' in t['fullTitle'] or '"before each" hook' in t['fullTitle']]
def hook_for(t):
    for h in hooks:
        prefix=h['fullTitle'].split(' "before')[0]
        if h['file']==t['file'] and t['fullTitle'].startswith(prefix+' '): return h
SESSION_FILES=('oauth2.state.session.test.js','oauth2.store.test.js','oauth2.pkce.test.js','oauth2.store.pkce.test.js')
def category(t, f):
    title=t['fullTitle']; msg=f['err'].get('message','') if f else ''
    file=t['file'].split('/')[-1]
    if 'named oauth2' in title: return "strategy name 'kakao'"
    if 'constructed' in title or 'should throw' in title: return 'typed errors at construction (KakaoConfigError, Kakao URL defaults)'
    if 'relative redirect URI' in title or 'without redirect URI' in title: return 'callbackURL required and absolute'
    if 'scope option as array' in title: return "scope separator ','"
    if 'form_post' in file: return 'form_post callbacks not read'
    if 'unknown encoding method' in title or 'plain transformation' in title: return 'PKCE is S256 only'
    if file in SESSION_FILES and ('session' in msg or "reading 'state'" in msg or "reading 'handle'" in msg or 'length of 24' in msg or 'Timeout' in msg or 'state from session' in title or 'Unable to verify' in msg or 'Invalid authorization request state' in msg or "reading 'length'" in msg or 'should save' in title):
        return 'session layout (oauth2:<host>, 24-char handles)'
    if 'denied' in title or 'returned with an error' in title: return '?error= is fail(reason)'
    if 'verify callback supplying false' in title or 'unknown verifier' in title: return 'fail info is { message: reason, reason }'
    if 'parseErrorResponse' in title or 'token request error' in title or 'not receiving an access token' in title: return "Kakao's answers are fail(reason), misconfigurations error (typed)"
    if 'no session' in msg or 'lack of session' in title: return 'state on by default (needs a session)'
    if 'Timeout' in msg: return 'state on by default (no session in the test) or the default userProfile calling Kakao'
    return 'UNCLASSIFIED: '+msg[:80]
cats=collections.Counter(); total=0; ok=0
for t in allt:
    key=(t['file'],t['fullTitle']); total+=1
    if key in passed: ok+=1; continue
    f=fails.get(key) or hook_for(t)
    cats[category(t,f)]+=1
print(f'{mode}: {ok}/{total} pass')
for c,n in cats.most_common(): print(f'  {n:3d}  {c}')
per=collections.defaultdict(lambda:[0,0])
for t in allt:
    f=t['file'].split('test/')[-1]; per[f][1]+=1
    if (t['file'],t['fullTitle']) in passed: per[f][0]+=1
for f,(p,n) in sorted(per.items()): print(f'    {f}: {p}/{n}')
