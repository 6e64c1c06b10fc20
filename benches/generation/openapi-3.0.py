#!/usr/bin/env python3
"""Rewrites an OpenAPI 3.1 document as OpenAPI 3.0 (JSON on stdout), for generators that read
only 3.0 (progenitor). Only what the benchmark's specs use is converted:

- `openapi: 3.1.x` becomes `3.0.3`;
- a type array with `null` (`type: [string, "null"]`) becomes `type: string` + `nullable: true`;
- `const: x` becomes `enum: [x]`;
- schema `examples: [..]` becomes `example: <first>`;
- `info.contact.email` that YAML read as a list (`[email protected]`, a scraped address) is
  dropped.

Needs python3 with PyYAML.
"""
import json
import sys

import yaml


def schema_like(node):
    if isinstance(node, dict):
        t = node.get("type")
        if isinstance(t, list):
            kinds = [k for k in t if k != "null"]
            if len(kinds) == 1:
                node["type"] = kinds[0]
            else:
                del node["type"]
            if "null" in t:
                node["nullable"] = True
        if "const" in node:
            node["enum"] = [node.pop("const")]
        if isinstance(node.get("examples"), list) and "type" in node:
            examples = node.pop("examples")
            if examples:
                node["example"] = examples[0]
        for value in node.values():
            schema_like(value)
    elif isinstance(node, list):
        for value in node:
            schema_like(value)


with open(sys.argv[1]) as f:
    doc = yaml.safe_load(f)
doc["openapi"] = "3.0.3"
contact = doc.get("info", {}).get("contact", {})
if not isinstance(contact.get("email", ""), str):
    del contact["email"]
schema_like(doc)
json.dump(doc, sys.stdout, indent=1)
print()
