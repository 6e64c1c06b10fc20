#!/usr/bin/env python3
# Prototype for issue 22 part 4: rewrites a generated models.rs so that plain structs (fields with
# only rename/default/skip_serializing_if/with, one field a line) get a hand-written map-only
# Deserialize instead of the derived one. Usage: prototype.py IN_models.rs OUT_models.rs
# Measurement only: not the generator, and prettyplease-wrapped fields are skipped.
import re, sys
src = open(sys.argv[1]).read()
lines = src.split('\n')
out = []
impls = []
i = 0
HELPER = '''
#[doc(hidden)]
pub struct __Key<'de>(::std::borrow::Cow<'de, str>);
impl<'de> serde::Deserialize<'de> for __Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = __Key<'de>;
            fn expecting(&self, f: &mut ::std::fmt::Formatter) -> ::std::fmt::Result { f.write_str("a field name") }
            fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> ::std::result::Result<Self::Value, E> { Ok(__Key(::std::borrow::Cow::Borrowed(v))) }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> ::std::result::Result<Self::Value, E> { Ok(__Key(::std::borrow::Cow::Owned(v.to_owned()))) }
            fn visit_string<E: serde::de::Error>(self, v: String) -> ::std::result::Result<Self::Value, E> { Ok(__Key(::std::borrow::Cow::Owned(v))) }
        }
        d.deserialize_str(V)
    }
}
'''
def split_attrs(s):
    # s: inside of #[serde(...)]
    parts=[];depth=0;cur='';q=False
    for ch in s:
        if ch=='"': q=not q
        if not q and ch in '(<': depth+=1
        if not q and ch in ')>': depth-=1
        if ch==',' and depth==0 and not q:
            parts.append(cur.strip());cur=''
        else: cur+=ch
    if cur.strip(): parts.append(cur.strip())
    return parts
n_conv=0; n_skip=0
while i < len(lines):
    l = lines[i]
    if l.startswith('#[derive(') and 'serde::Deserialize' in l and i+1 < len(lines) and lines[i+1].startswith('pub struct ') and lines[i+1].endswith('{'):
        name = lines[i+1].split()[2]
        # collect body
        j = i+2; body=[]
        while lines[j] != '}':
            body.append(lines[j]); j+=1
        # parse fields
        fields=[]; attr=''; inattr=False; ok=True
        for b in body:
            s=b.strip()
            if s.startswith('///'): continue
            if s.startswith('#[serde('):
                attr=s; inattr = not s.endswith(')]'); continue
            if inattr:
                attr+=' '+s
                if s.endswith(')]'): inattr=False
                continue
            m=re.match(r'pub (r#)?(\w+): (.*),$', s)
            if not m: ok=False; break
            a = split_attrs(attr[len('#[serde('):-2]) if attr else []
            attr=''
            fields.append((m.group(1) or '', m.group(2), m.group(3), a))
        for f in fields:
            for a in f[3]:
                k=a.split('=')[0].strip()
                if k not in ('rename','default','skip_serializing_if','with'): ok=False
        if not ok or not fields:
            n_skip+=1; out.append(l); i+=1; continue
        n_conv+=1
        out.append(l.replace(', serde::Deserialize',''))
        # build impl
        locs=[]; arms=[]; builds=[]
        for idx,(raw,fname,ty,a) in enumerate(fields):
            wire=fname; dflt=False; with_=None
            for x in a:
                if x.startswith('rename'): wire=x.split('=',1)[1].strip().strip('"')
                elif x=='default': dflt=True
                elif x.startswith('with'): with_=x.split('=',1)[1].strip().strip('"')
            loc='__f%d'%idx
            locs.append('let mut %s: ::std::option::Option<%s> = None;'%(loc,ty))
            if with_:
                conv = with_.replace('::serde_with::As::<','',1)[:-1]
                val='map.next_value::<::serde_with::de::DeserializeAsWrap<%s, %s>>()?.into_inner()'%(ty,conv)
            else:
                val='map.next_value()?'
            arms.append('"%s" => { if %s.is_some() { return Err(serde::de::Error::duplicate_field("%s")); } %s = Some(%s); }'%(wire,loc,wire,loc,val))
            if dflt: builds.append('%s%s: %s.unwrap_or_default(),'%(raw,fname,loc))
            else: builds.append('%s%s: %s.ok_or_else(|| serde::de::Error::missing_field("%s"))?,'%(raw,fname,loc,wire))
        impl='''impl<'de> serde::Deserialize<'de> for %s {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = %s;
            fn expecting(&self, f: &mut ::std::fmt::Formatter) -> ::std::fmt::Result { f.write_str("struct %s") }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<Self::Value, A::Error> {
                %s
                while let Some(key) = map.next_key::<__Key<'de>>()? {
                    match &*key.0 {
                        %s
                        _ => { map.next_value::<serde::de::IgnoredAny>()?; }
                    }
                }
                Ok(%s { %s })
            }
        }
        d.deserialize_map(V)
    }
}'''%(name,name,name,'\n'.join(locs),'\n'.join(arms),name,'\n'.join(builds))
        impls.append(impl)
        i+=1; continue
    out.append(l); i+=1
res='\n'.join(out)+HELPER+'\n'.join(impls)+'\n'
open(sys.argv[2],'w').write(res)
print('converted',n_conv,'skipped',n_skip, file=sys.stderr)
