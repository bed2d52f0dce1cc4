#!/usr/bin/env python3
"""Offline helper for the template tests (SamTranslator, which the Template*IT use): translate the SAM template to
plain CloudFormation, or run cfn-lint on it.

    python3 sam_translate.py translate TEMPLATE [Name=Value ...]   -> CloudFormation JSON on stdout
    python3 sam_translate.py lint TEMPLATE                         -> cfn-lint's own output and exit code

Translation runs the same library the AWS::Serverless-2016-10-31 transform runs (aws-sam-translator), with no AWS
account: the region comes from AWS_DEFAULT_REGION (us-east-1 if unset), managed policies are never looked up (the
template names its one managed policy by ARN), and a local CodeUri such as `function/` is replaced by an S3 location,
as `sam package` / `sam deploy` do before the template reaches CloudFormation. Parameter values given on the command
line are handed to the translator exactly as CloudFormation hands the stack's parameters to the transform.
Exit codes: 0 ok, 1 usage, 2 the translator rejected the template.
"""
import json
import os
import sys


def _fake_package(template):
    """Mimic `sam package`: local CodeUri paths and nested templates become S3 locations (the translator only
    accepts those)."""
    def rewrite(props):
        code_uri = props.get("CodeUri")
        if isinstance(code_uri, str) and not code_uri.startswith("s3://"):
            props["CodeUri"] = "s3://sam-artifacts-bucket/" + code_uri.strip("/").replace("/", "-") + ".zip"

    rewrite(template.get("Globals", {}).get("Function", {}))
    for resource in template.get("Resources", {}).values():
        if isinstance(resource, dict) and resource.get("Type") == "AWS::Serverless::Function":
            rewrite(resource.setdefault("Properties", {}))
        if isinstance(resource, dict) and resource.get("Type") == "AWS::Serverless::Application":
            props = resource.setdefault("Properties", {})
            location = props.get("Location")
            if isinstance(location, str) and not location.startswith("https://"):
                props["Location"] = ("https://sam-artifacts-bucket.s3.amazonaws.com/"
                                     + location.replace("/", "-"))


class _NoManagedPolicies:
    """Stands in for samtranslator's IAM-backed ManagedPolicyLoader; nothing here resolves policy names."""

    def load(self):
        return {}


def translate(path, assignments):
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    from samtranslator.model.exceptions import InvalidDocumentException
    from samtranslator.translator.transform import transform
    from samtranslator.yaml_helper import yaml_parse

    with open(path, encoding="utf-8") as handle:
        template = yaml_parse(handle.read())
    _fake_package(template)

    parameters = {}
    for assignment in assignments:
        name, sep, value = assignment.partition("=")
        if not sep:
            print("parameter must be Name=Value: " + assignment, file=sys.stderr)
            return 1
        parameters[name] = value

    try:
        output = transform(template, parameters, _NoManagedPolicies())
    except InvalidDocumentException as error:
        for cause in error.causes:
            print("SAM translation error: " + cause.message, file=sys.stderr)
        return 2
    json.dump(output, sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")
    return 0


def lint(path):
    from cfnlint.runner import main

    sys.argv = ["cfn-lint", path]
    return main()


def run(argv):
    if len(argv) >= 2 and argv[0] == "translate":
        return translate(argv[1], argv[2:])
    if len(argv) == 2 and argv[0] == "lint":
        return lint(argv[1])
    print(__doc__, file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
