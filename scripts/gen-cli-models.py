#!/usr/bin/env python3
"""Extract the parts of the AWS API models that the simulated CLI needs, from the botocore installed
with the real aws-cli: operation input/output shapes (member order, types, required members, enums,
header/streaming locations) and aws-cli's own parameter names (botocore's xform_name).

Usage: python3 scripts/gen-cli-models.py   (rewrites lib/cli/models/<service>.json)
       python3 scripts/gen-cli-models.py --botocore DIR --out DIR
         (the same from another botocore's data, e.g. the one inside Debian's aws-cli 2.9, for the
          conformance tests that replay aws-cli 2.9 with its own models)

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
        'CopyObject', 'PutBucketPolicy', 'GetBucketPolicy', 'DeleteBucketPolicy', 'PutBucketCors', 'GetBucketCors',
        'DeleteBucketCors', 'CreateMultipartUpload', 'UploadPart', 'UploadPartCopy', 'CompleteMultipartUpload',
        'AbortMultipartUpload', 'ListParts', 'ListMultipartUploads', 'GetObjectAttributes', 'UpdateObjectEncryption',
        'PutBucketVersioning', 'GetBucketVersioning', 'ListObjectVersions', 'DeleteObjects', 'PutObjectTagging',
        'GetObjectTagging', 'DeleteObjectTagging',
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

import argparse
_args = argparse.ArgumentParser()
_args.add_argument('--botocore', default=os.path.dirname(botocore.__file__), help='a botocore package folder (holding data/)')
_args.add_argument('--out', default=os.path.join(os.path.dirname(__file__), '..', 'lib', 'cli', 'models'))
_args.add_argument('--aws-cli', default='aws', help='the aws-cli whose top-level command list is recorded (commands.json)')
_args.add_argument('--label', default=f'botocore {botocore.__version__}', help='where the models came from, kept in the output')
ARGS = _args.parse_args()

def data_dir(service, version):
    return os.path.join(ARGS.botocore, 'data', service, version)

def load(service, version):
    base = data_dir(service, version)
    path = os.path.join(base, 'service-2.json')
    if os.path.exists(path):
        with open(path) as f:
            return json.load(f)
    with gzip.open(path + '.gz', 'rt') as f:
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
    base = data_dir(service, version)
    if not os.path.exists(os.path.join(base, 'paginators-1.json')):
        return {}
    pages = json.load(open(os.path.join(base, 'paginators-1.json')))['pagination']
    extras = os.path.join(base, 'paginators-1.sdk-extras.json')
    if os.path.exists(extras):
        for op, extra in json.load(open(extras))['merge']['pagination'].items():
            pages.setdefault(op, {}).update(extra)
    return pages

def compact(model, names, paginators):
    """Operations we serve in full, plus the names of all of them (for "Invalid choice" lists)."""
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
        # botocore's ParamValidator checks only 'min' (string and list lengths, integer values), never max or pattern.
        if 'min' in s and s['type'] in ('string', 'integer', 'long', 'list'): entry['min'] = s['min']
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
    all_ops = sorted(xform(o, '-') for o in model['operations'])
    return {'allOperations': all_ops, 'metadata': {k: model['metadata'][k] for k in ('apiVersion', 'protocol', 'serviceId')},
            'source': ARGS.label, 'operations': out_ops, 'shapes': shapes}

import subprocess
def top_level_commands():
    """The command names aws-cli lists for an invalid choice: read from the real CLI itself."""
    r = subprocess.run([ARGS.aws_cli, 'no-such-command-xyz'], capture_output=True, text=True)
    text = r.stderr.split('valid choices are:', 1)[1].split('Invalid choice:', 1)[0]
    names = []
    for line in text.splitlines():
        names += [c.strip() for c in line.split('|') if c.strip()]
    return names

os.makedirs(ARGS.out, exist_ok=True)
with open(os.path.join(ARGS.out, 'commands.json'), 'w') as f:
    json.dump({'source': ARGS.label, 'commands': top_level_commands()}, f, indent=1)
    f.write('\n')

for (service, version), names in OPERATIONS.items():
    model = load(service, version)
    names = [n for n in names if n in model['operations']]  # an older model may lack newer operations
    data = compact(model, names, load_paginators(service, version))
    data['hasWaiters'] = os.path.exists(os.path.join(data_dir(service, version), 'waiters-2.json'))
    os.makedirs(ARGS.out, exist_ok=True)
    path = os.path.join(ARGS.out, f'{service}.json')
    with open(path, 'w') as f:
        json.dump(data, f, indent=1, sort_keys=False)
        f.write('\n')
    print(f'wrote {path}: {len(names)} operations, {len(data["shapes"])} shapes', file=sys.stderr)
