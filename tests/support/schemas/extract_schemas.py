#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Cuts the parts of the providers' published schemas that Switchboard uses out of
shared/reference and writes them as JSON next to this script, so the fake Ultravox and Twilio
servers of the tests can check requests against them with nothing but QJsonDocument.

Run again when the reference schemas change:
    python3 tests/support/schemas/extract_schemas.py ../shared/reference
Needs PyYAML (Debian: python3-yaml) for the Ultravox schema, which is published as YAML.
"""
import json
import pathlib
import sys

import yaml

# (path, method) pairs each fake serves; everything they reference comes along.
ULTRAVOX_OPERATIONS = [
    ("/api/accounts/me", "get"),
    ("/api/agents", "post"),
    ("/api/agents/{agent_id}", "get"),
    ("/api/agents/{agent_id}", "patch"),
    ("/api/agents/{agent_id}", "delete"),
    ("/api/agents/{agent_id}/calls", "post"),
    ("/api/calls", "post"),
    ("/api/calls/{call_id}", "get"),
    ("/api/calls/{call_id}/messages", "get"),
    ("/api/calls/{call_id}/recording", "get"),
    ("/api/voices", "get"),
]
TWILIO_OPERATIONS = [
    ("/2010-04-01/Accounts/{Sid}.json", "get"),
    ("/2010-04-01/Accounts/{AccountSid}/Calls.json", "get"),
    ("/2010-04-01/Accounts/{AccountSid}/Calls.json", "post"),
    ("/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json", "get"),
    ("/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json", "post"),
    ("/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json", "get"),
]
# Prose and examples are not needed to check a request and would only bloat the files.
DROPPED_KEYS = {"description", "summary", "examples", "example", "x-twilio", "tags",
                "x-field-extra-annotation", "x-getter-extra-annotation",
                "x-class-extra-annotation", "servers", "headers"}


def strip(node, names=False):
    """Drops prose keys; `names` marks a `properties` map, whose keys are field names
    ("description", "summary") and stay."""
    if isinstance(node, dict):
        return {k: strip(v, k == "properties" and not names) for k, v in node.items()
                if names or k not in DROPPED_KEYS}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


def refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


def subset(document, operations):
    paths = {}
    for path, method in operations:
        operation = document["paths"][path][method]
        paths.setdefault(path, {})[method] = strip(operation)
    schemas = {}
    pending = list(refs(paths))
    while pending:
        ref = pending.pop()
        prefix = "#/components/schemas/"
        if not ref.startswith(prefix):
            raise SystemExit(f"unsupported $ref {ref}")
        name = ref[len(prefix):]
        if name in schemas:
            continue
        schemas[name] = strip(document["components"]["schemas"][name])
        pending.extend(refs(schemas[name]))
    return {
        "openapi": document["openapi"],
        "source": document.get("info", {}).get("title", ""),
        "securitySchemes": document.get("components", {}).get("securitySchemes", {}),
        "paths": paths,
        "components": {"schemas": dict(sorted(schemas.items()))},
    }


def write(target, document):
    target.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {target} ({target.stat().st_size} bytes)")


def main():
    reference = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference")
    here = pathlib.Path(__file__).resolve().parent
    with open(reference / "ultravox-openapi.yaml", encoding="utf-8") as source:
        ultravox = yaml.safe_load(source)
    with open(reference / "twilio-api-v2010-calls.json", encoding="utf-8") as source:
        twilio = json.load(source)
    write(here / "ultravox-subset.json", subset(ultravox, ULTRAVOX_OPERATIONS))
    write(here / "twilio-subset.json", subset(twilio, TWILIO_OPERATIONS))


if __name__ == "__main__":
    main()
