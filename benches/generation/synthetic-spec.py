#!/usr/bin/env python3
"""Writes a synthetic OpenAPI 3.0 document with N operations (default 10000) to stdout.

Shapes that real specs have many of: operations in tagged groups of 100, path and query
parameters, a JSON request body and a JSON response of their own model, an error model shared by
all, and one tag where every operation wants the same method name (so naming has to number them).
Used to look for steps that grow faster than the document (see benches/generation/README.md).
"""
import json
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
paths, schemas = {}, {
    "Error": {"type": "object", "properties": {"code": {"type": "string"}, "message": {"type": "string"}}},
}
for i in range(n):
    # One in ten is in the tag `clashes`, with an operationId that differs from the others only
    # in dots (`clash.`, `clash..`): all of them want the method name `clash`.
    same_name = i % 10 == 9
    tag = "clashes" if same_name else f"group{i // 100}"
    schemas[f"Item{i}"] = {
        "type": "object",
        "required": ["id"],
        "properties": {
            "id": {"type": "string"},
            "count": {"type": "integer", "format": "int32"},
            "tags": {"type": "array", "items": {"type": "string"}},
            # Models nest by value about log2(N) deep; Item0 holds itself.
            "parent": {"$ref": f"#/components/schemas/Item{i // 2}"},
        },
    }
    paths[f"/items{i}/{{name}}"] = {
        "put": {
            "operationId": "clash" + "." * (i // 10) if same_name else f"putItem{i}",
            "tags": [tag],
            "summary": f"Puts item {i}.",
            "parameters": [
                {"name": "name", "in": "path", "required": True, "schema": {"type": "string"}},
                {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                {"name": "x-request-id", "in": "header", "schema": {"type": "string"}},
            ],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/Item{i}"}}},
            },
            "responses": {
                "200": {
                    "description": "ok",
                    "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/Item{i}"}}},
                },
                "default": {
                    "description": "error",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                },
            },
        }
    }
json.dump(
    {
        "openapi": "3.0.3",
        "info": {"title": "Synthetic", "version": "1.0.0"},
        "servers": [{"url": "https://example.com"}],
        "paths": paths,
        "components": {"schemas": schemas},
    },
    sys.stdout,
    indent=1,
)
