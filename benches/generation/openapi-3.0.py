#!/usr/bin/env python3
"""Rewrites an OpenAPI 3.1 document as OpenAPI 3.0 (JSON on stdout), for generators that read
only 3.0 (progenitor). Only what the benchmark's specs use is converted:

- `openapi: 3.1.x` becomes `3.0.3`;
- a type array with `null` (`type: [string, "null"]`) becomes `type: string` + `nullable: true`;
- `const: x` becomes `enum: [x]`;
- schema `examples: [..]` becomes `example: <first>`;
- media types progenitor 0.15 refuses: a `+json` vendor type becomes `application/json` (the
  first of several wins), so every generator reads the same document;
- a `default` response becomes `4XX`: progenitor 0.15 counts `default` as a success too and
  panics when its type is not the 2xx one;
- `info.contact.email` that YAML read as a list (`[email protected]`, a scraped address) is
  dropped.

Needs python3 with PyYAML.
"""
import json
import sys

import yaml


def media_types(node):
    if isinstance(node, dict):
        content = node.get("content")
        if isinstance(content, dict):
            merged = {}
            for media, value in content.items():
                if media.endswith("+json"):
                    media = "application/json"
                merged.setdefault(media, value)
            node["content"] = merged
        responses = node.get("responses")
        if isinstance(responses, dict) and "default" in responses and "4XX" not in responses:
            node["responses"] = {
                ("4XX" if status == "default" else status): value
                for status, value in responses.items()
            }
        for value in node.values():
            media_types(value)
    elif isinstance(node, list):
        for value in node:
            media_types(value)


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
media_types(doc)
json.dump(doc, sys.stdout, indent=1)
print()
