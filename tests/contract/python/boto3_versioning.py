"""boto3 against the emulator: versioning, DeleteObjects and tagging (run by boto3-versioning.test.ts).

Prints one JSON document of what each call answered; the test asserts on it."""
import json, sys
import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
s3 = boto3.client('s3', endpoint_url=endpoint, region_name='us-east-1', aws_access_key_id='AKIDEXAMPLE',
                  aws_secret_access_key='x', config=Config(s3={'addressing_style': 'path'}))
out = {}

def error(call):
    try:
        call()
    except ClientError as e:
        return [e.response['Error']['Code'], e.response['Error'].get('Message'), e.response['ResponseMetadata']['HTTPStatusCode']]
    return None

B = 'boto3-versions'
s3.create_bucket(Bucket=B)
out['unversioned_status'] = s3.get_bucket_versioning(Bucket=B).get('Status')
s3.put_object(Bucket=B, Key='plain.txt', Body=b'plain')
out['unversioned_list'] = [[v['Key'], v['VersionId'], v['IsLatest']] for v in s3.list_object_versions(Bucket=B)['Versions']]
s3.put_bucket_versioning(Bucket=B, VersioningConfiguration={'Status': 'Enabled'})
out['status'] = s3.get_bucket_versioning(Bucket=B)['Status']
v1 = s3.put_object(Bucket=B, Key='doc.txt', Body=b'one', ServerSideEncryption='AES256')['VersionId']
v2 = s3.put_object(Bucket=B, Key='doc.txt', Body=b'two', ServerSideEncryption='aws:kms')['VersionId']
out['ids_differ'] = v1 != v2
old = s3.get_object(Bucket=B, Key='doc.txt', VersionId=v1)
out['old'] = [old['Body'].read().decode(), old['ServerSideEncryption'], old['VersionId'] == v1]
out['current_sse'] = s3.head_object(Bucket=B, Key='doc.txt')['ServerSideEncryption']
out['bad_version'] = error(lambda: s3.get_object(Bucket=B, Key='doc.txt', VersionId='bad'))
out['no_such_version'] = error(lambda: s3.get_object(Bucket=B, Key='doc.txt', VersionId='A' * 32))
marker = s3.delete_object(Bucket=B, Key='doc.txt')
out['marker'] = [marker['DeleteMarker'], len(marker['VersionId'])]
out['after_marker'] = error(lambda: s3.get_object(Bucket=B, Key='doc.txt'))
s3.put_object(Bucket=B, Key='t.txt', Body=b't', Tagging='a=1&b=2')
out['tags'] = s3.get_object_tagging(Bucket=B, Key='t.txt')['TagSet']
s3.put_object_tagging(Bucket=B, Key='t.txt', Tagging={'TagSet': [{'Key': 'c', 'Value': '3'}]})
out['tags_replaced'] = s3.get_object_tagging(Bucket=B, Key='t.txt')['TagSet']
out['tag_count'] = s3.get_object(Bucket=B, Key='t.txt')['TagCount']
s3.delete_object_tagging(Bucket=B, Key='t.txt')
out['tags_deleted'] = s3.get_object_tagging(Bucket=B, Key='t.txt')['TagSet']
out['too_many'] = error(lambda: s3.delete_objects(Bucket=B, Delete={'Objects': [{'Key': f'k{i}'} for i in range(1001)]}))

# The usual test-suite teardown: every version and delete marker, then the bucket.
paginator = s3.get_paginator('list_object_versions')
deleted = 0
for page in paginator.paginate(Bucket=B, PaginationConfig={'PageSize': 2}):
    objects = [{'Key': v['Key'], 'VersionId': v['VersionId']} for v in page.get('Versions', []) + page.get('DeleteMarkers', [])]
    if objects:
        answer = s3.delete_objects(Bucket=B, Delete={'Objects': objects}, BypassGovernanceRetention=True)
        deleted += len(answer.get('Deleted', []))
        assert not answer.get('Errors'), answer.get('Errors')
out['teardown_deleted'] = deleted
s3.delete_bucket(Bucket=B)
out['bucket_gone'] = error(lambda: s3.head_bucket(Bucket=B))
print(json.dumps(out))
