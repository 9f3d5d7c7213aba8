#!/usr/bin/python3
"""Records aws-cli's own `--output table` rendering of generated responses, at several terminal widths.

Run with Debian's python3 and awscli (aws-cli 2.9.19): `/usr/bin/python3 tests/conformance/record-aws-tables.py`.
It writes tests/conformance/aws-cli-tables.json, which tests/unit/cli/aws/table-recorded.test.ts replays
through lib/cli/aws/formats/table.ts. The documents are random but seeded: odd and even column widths, columns
that must be scaled, and sections wider than the terminal (which aws-cli turns into key/value rows).
"""
import io
import json
import random
import sys
import types

import awscli.table
from awscli.formatter import TableFormatter

rng = random.Random(20261208)
# ASCII only: aws-cli counts East Asian ambiguous and wide characters as two columns, which the playground does not
# (docs/cli.md).
ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:="


def text(longest):
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, longest)))


def scalar(longest):
    kind = rng.random()
    if kind < 0.65:
        return text(longest)
    if kind < 0.8:
        return rng.randint(0, 10 ** rng.randint(1, 12))
    if kind < 0.9:
        return rng.choice([True, False])
    return None


def names(count):
    return [rng.choice(["Key", "Size", "ETag", "Arn", "Name", "KeyId", "SSEAlgorithm", "Id"]) + text(6).replace(".", "")
            for _ in range(count)]


def record(longest, depth=0):
    columns = names(rng.randint(1, 6))
    doc = {c: scalar(longest) for c in columns}
    if depth < 2 and rng.random() < 0.35:
        doc["Nested" + text(4)] = record(longest, depth + 1)
    if depth < 2 and rng.random() < 0.3:
        doc["Items" + text(3)] = [record(longest, depth + 1) for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.2:
        doc["Tags" + text(3)] = [text(longest) for _ in range(rng.randint(1, 3))]
    return doc


def document():
    longest = rng.choice([3, 9, 17, 33, 61])
    shape = rng.random()
    if shape < 0.5:
        return {"Contents" + text(2): [record(longest) for _ in range(rng.randint(1, 5))], "Name": text(longest)}
    return record(longest)


def render(title, value, width):
    awscli.table.determine_terminal_width = lambda default_width=80: width
    out = io.StringIO()
    TableFormatter(types.SimpleNamespace(color="off", query=None))(title, value, out)
    return out.getvalue()


cases = []
for n in range(80):
    value = document()
    width = rng.choice([40, 57, 80, 81, 101, 133])
    title = rng.choice(["ListObjectsV2", "HeadObject", "DescribeKey", "ListKeys", "GetBucketEncryption"])
    cases.append({"title": title, "width": width, "value": value, "table": render(title, value, width)})

with open(sys.argv[1] if len(sys.argv) > 1 else "tests/conformance/aws-cli-tables.json", "w") as f:
    json.dump({"recordedWith": "aws-cli 2.9.19 (Debian awscli), awscli.formatter.TableFormatter", "cases": cases}, f,
              ensure_ascii=False)
    f.write("\n")
