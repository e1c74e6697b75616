#!/usr/bin/env python3
"""Validates YAML files against a JSON Schema with tools that share no code with `commitments`:
PyYAML reads the YAML and the `jsonschema` package (the reference Python implementation of
JSON Schema) judges it.

    python3 tests/tools/validate_schema.py SCHEMA.json FILE.yaml...

Prints `FILE: valid` or `FILE: INVALID` after the reasons, one line per file; exits 0 either way
(the caller decides what it expected), and 2 if the schema itself is not a valid draft 2020-12
schema.
"""
import json
import sys

import jsonschema
import yaml


class YamlCore(yaml.SafeLoader):
    """YAML 1.2's reading of plain dates: `2025-03-31` is text, as it is for the ledger's loader
    and for editors. (PyYAML follows YAML 1.1 and would turn it into a date object, which JSON
    Schema has no type for.)"""


YamlCore.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.SchemaError as e:
        print(f"the schema is not valid JSON Schema 2020-12: {e.message}")
        sys.exit(2)
    validator = jsonschema.Draft202012Validator(schema)
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8-sig") as f:
            document = yaml.load(f, Loader=YamlCore)
        errors = sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
        for e in errors:
            where = "/".join(map(str, e.absolute_path)) or "(top)"
            print(f"{path}: {where}: {e.message[:300]}")
        print(f"{path}: {'INVALID' if errors else 'valid'}")


if __name__ == "__main__":
    main()
