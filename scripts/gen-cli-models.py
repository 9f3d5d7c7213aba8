#!/usr/bin/env python3
"""Extract the parts of the AWS API models that the simulated CLI needs, from the botocore installed
with the real aws-cli: operation input/output shapes (member order, types, required members, enums,
header/streaming locations) and aws-cli's own parameter names (botocore's xform_name).

Usage: python3 scripts/gen-cli-models.py   (rewrites lib/cli/models/<service>.json)

The output is data, not code: it lets the CLI print keys in the order aws-cli prints them and reject
arguments exactly where aws-cli does. Re-run it when adding operations."""
import gzip, json, os, sys
import botocore
from botocore import xform_name as xform

OPERATIONS = {
    ('s3', '2006-03-01'): [
        'CreateBucket', 'DeleteBucket', 'HeadBucket', 'ListBuckets', 'GetBucketLocation',
        'PutObject', 'GetObject', 'HeadObject', 'DeleteObject', 'ListObjectsV2', 'ListObjects',
        'PutBucketEncryption', 'GetBucketEncryption', 'DeleteBucketEncryption',
    ],
    ('kms', '2014-11-01'): [
        'CreateKey', 'DescribeKey', 'ListKeys', 'CreateAlias', 'UpdateAlias', 'DeleteAlias', 'ListAliases',
        'EnableKey', 'DisableKey', 'ScheduleKeyDeletion', 'CancelKeyDeletion', 'EnableKeyRotation',
        'DisableKeyRotation', 'GetKeyRotationStatus', 'RotateKeyOnDemand', 'ListKeyRotations', 'Encrypt',
        'Decrypt', 'ReEncrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'GenerateRandom',
        'GetKeyPolicy', 'PutKeyPolicy', 'ListKeyPolicies', 'TagResource', 'UntagResource', 'ListResourceTags',
    ],
    ('cloudtrail', '2013-11-01'): ['LookupEvents'],
    ('sts', '2011-06-15'): ['GetCallerIdentity'],
}

def load(service, version):
    base = os.path.join(os.path.dirname(botocore.__file__), 'data', service, version)
    with gzip.open(os.path.join(base, 'service-2.json.gz'), 'rt') as f:
        return json.load(f)

import html, re

def first_sentence(doc):
    """The first sentence of a model doc string, as plain text, for generated help pages."""
    if not doc:
        return None
    text = html.unescape(re.sub(r'<[^>]+>', ' ', doc))
    text = re.sub(r'\s+', ' ', text).strip()
    m = re.match(r'(.+?[.!?])(\s|$)', text)
    text = m.group(1) if m else text
    return text[:300]

def load_paginators(service, version):
    base = os.path.join(os.path.dirname(botocore.__file__), 'data', service, version)
    if not os.path.exists(os.path.join(base, 'paginators-1.json')):
        return {}
    pages = json.load(open(os.path.join(base, 'paginators-1.json')))['pagination']
    extras = os.path.join(base, 'paginators-1.sdk-extras.json')
    if os.path.exists(extras):
        for op, extra in json.load(open(extras))['merge']['pagination'].items():
            pages.setdefault(op, {}).update(extra)
    return pages

def compact(model, names, paginators):
    shapes, out_ops = {}, {}
    def visit(name):
        if name in shapes:
            return
        s = model['shapes'][name]
        entry = {'type': s['type']}
        if s['type'] == 'structure':
            entry['members'] = []
            for m, ref in s.get('members', {}).items():
                member = {'name': m, 'shape': ref['shape']}
                doc = first_sentence(ref.get('documentation'))
                if doc: member['doc'] = doc
                for k in ('location', 'locationName', 'streaming'):
                    if k in ref: member[k] = ref[k]
                if model['shapes'][ref['shape']].get('streaming'): member['streaming'] = True
                entry['members'].append(member)
            if s.get('required'): entry['required'] = s['required']
            if s.get('payload'): entry['payload'] = s['payload']
        elif s['type'] == 'list':
            entry['member'] = s['member']['shape']
            if s.get('flattened'): entry['flattened'] = True
        elif s['type'] == 'map':
            entry['key'], entry['value'] = s['key']['shape'], s['value']['shape']
        if 'enum' in s: entry['enum'] = s['enum']
        if s.get('streaming'): entry['streaming'] = True
        if s.get('timestampFormat'): entry['timestampFormat'] = s['timestampFormat']
        shapes[name] = entry
        for ref in [*(r['shape'] for r in s.get('members', {}).values()),
                    s.get('member', {}).get('shape'), s.get('value', {}).get('shape'), s.get('key', {}).get('shape')]:
            if ref: visit(ref)
    for op in names:
        o = model['operations'][op]
        entry = {'cli': xform(op, '-'), 'http': o['http']}
        doc = first_sentence(o.get('documentation'))
        if doc: entry['doc'] = doc
        for io in ('input', 'output'):
            if io in o:
                entry[io] = o[io]['shape']
                visit(o[io]['shape'])
        if op in paginators:
            p = paginators[op]
            entry['paginator'] = {k: p[k] for k in ('input_token', 'output_token', 'result_key', 'limit_key', 'more_results', 'non_aggregate_keys') if k in p}
        out_ops[op] = entry
    # aws-cli's parameter name for each input member: --ssekms-key-id for SSEKMSKeyId, and so on.
    for op in out_ops.values():
        if 'input' in op:
            shape = shapes[op['input']]
            for m in shape['members']:
                m['cli'] = '--' + xform(m['name'], '-')
    return {'metadata': {k: model['metadata'][k] for k in ('apiVersion', 'protocol', 'serviceId')},
            'source': f'botocore {botocore.__version__}', 'operations': out_ops, 'shapes': shapes}

for (service, version), names in OPERATIONS.items():
    data = compact(load(service, version), names, load_paginators(service, version))
    path = os.path.join(os.path.dirname(__file__), '..', 'lib', 'cli', 'models', f'{service}.json')
    with open(path, 'w') as f:
        json.dump(data, f, indent=1, sort_keys=False)
        f.write('\n')
    print(f'wrote {path}: {len(names)} operations, {len(data["shapes"])} shapes', file=sys.stderr)
