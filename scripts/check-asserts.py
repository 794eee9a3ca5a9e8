#!/usr/bin/env python
"""Fail when an assert in a test playbook cannot fail.

A YAML list item such as `- r.msg == 'x: y'` is a mapping, not a string
(the ': ' makes it one), and `assert` treats a mapping as true. Every item
of an assert's `that` must be a string.
"""
import pathlib
import sys

import yaml

bad = []


def walk(node, path):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("assert", "ansible.builtin.assert") and isinstance(value, dict):
                that = value.get("that")
                items = that if isinstance(that, list) else [that]
                for item in items:
                    if not isinstance(item, str):
                        bad.append(f"{path}: assert item is a {type(item).__name__}, not a string: {item!r}")
            walk(value, path)
    elif isinstance(node, list):
        for item in node:
            walk(item, path)


for root in sys.argv[1:]:
    for f in sorted(pathlib.Path(root).rglob("*.yml")):
        walk(yaml.safe_load(f.read_text()), f)

for line in bad:
    print(line)
sys.exit(1 if bad else 0)
