#!/usr/bin/env python3
"""moto's server (moto 5), with its CloudFormation made to do three things CloudFormation does and moto does not, so
that the real SAM CLI can be pointed at it (the SAM CLI tests: SamGuidedDeployIT, ReadmeDeployIT, SamImageIT):

1. A change set that creates a stack lists the resources CloudFormation would create: the template after its
   AWS::Serverless-2016-10-31 transform (aws-sam-translator, the library the transform runs), without the resources
   whose Condition is false (moto's own evaluation of the template's Conditions). moto lists every resource of the
   untransformed template, whatever the parameters.
2. A parameter value that breaks its declaration (AllowedValues, AllowedPattern, MinLength/MaxLength,
   MinValue/MaxValue) fails the change set with a ValidationError, as CloudFormation does. Rules are not evaluated.
3. Executing a change set that creates a stack creates it as CreateStack does, Outputs included: SAM CLI's managed
   bucket stack (`--resolve-s3`, `sam deploy --guided`) is made that way and must have its Outputs.

    python3 moto_cloudformation.py -p PORT      (moto_server's own options)

Nothing else is changed; nothing of the deployed stack runs (the tests never execute their own change sets).
"""
import copy
import re
import sys

import moto.cloudformation.models as models
import moto.cloudformation.parsing as parsing
from moto.cloudformation.exceptions import ValidationError

SAM_TRANSFORM = "AWS::Serverless-2016-10-31"


def transformed(template, parameters, region):
    """The template as CloudFormation hands it on after the SAM transform; other templates as they are."""
    transform = template.get("Transform")
    if SAM_TRANSFORM not in (transform if isinstance(transform, list) else [transform]):
        return template
    import boto3
    from samtranslator.parser.parser import Parser
    from samtranslator.translator.translator import Translator

    translator = Translator(None, Parser(), boto_session=boto3.Session(region_name=region))
    return translator.translate(sam_template=copy.deepcopy(template), parameter_values=dict(parameters or {}),
                                get_managed_policy_map=lambda: {})


def parameter_problems(template, parameters):
    """What CloudFormation would refuse in these values, one sentence each."""
    problems = []
    for name, value in (parameters or {}).items():
        declaration = template.get("Parameters", {}).get(name)
        if declaration is None or not isinstance(value, str):
            continue
        allowed = declaration.get("AllowedValues")
        if allowed is not None and value not in [str(v) for v in allowed]:
            problems.append(f"Parameter '{name}' must be one of AllowedValues")
        pattern = declaration.get("AllowedPattern")
        if pattern is not None and re.fullmatch(pattern, value) is None:
            problems.append(f"Parameter '{name}' must match pattern {pattern}")
        if "MinLength" in declaration and len(value) < int(declaration["MinLength"]):
            problems.append(f"Parameter '{name}' must contain at least {declaration['MinLength']} characters")
        if "MaxLength" in declaration and len(value) > int(declaration["MaxLength"]):
            problems.append(f"Parameter '{name}' must contain at most {declaration['MaxLength']} characters")
        if declaration.get("Type") == "Number":
            try:
                number = float(value)
            except ValueError:
                problems.append(f"Parameter '{name}' must be a number")
                continue
            if "MinValue" in declaration and number < float(declaration["MinValue"]):
                problems.append(f"Parameter '{name}' must be a number not less than {declaration['MinValue']}")
            if "MaxValue" in declaration and number > float(declaration["MaxValue"]):
                problems.append(f"Parameter '{name}' must be a number not greater than {declaration['MaxValue']}")
    return problems


_parse_change_set_template = models.ChangeSet._parse_template


def parse_and_check(self):
    _parse_change_set_template(self)
    problems = parameter_problems(self.template_dict, self.parameters)
    if problems:
        raise ValidationError(message="; ".join(problems))


_diff = models.ChangeSet.diff


def diff(self):
    if self.change_set_type != "CREATE":
        return _diff(self)
    stack = self.stack
    template = transformed(self.template_dict, self.parameters, stack.region_name)
    resources = parsing.ResourceMap(stack.stack_id, stack.name, self.parameters, self.tags or {},
                                    region_name=stack.region_name, account_id=stack.account_id,
                                    template=template, cross_stack_resources=None)
    resources.load_parameters()
    resources.load_conditions()
    return [models.Change(action="Add", logical_resource_id=name, resource_type=resource["Type"])
            for name, resource in template["Resources"].items()
            if "Condition" not in resource or resources.lazy_condition_map[resource["Condition"]]]


_apply = models.ChangeSet.apply


def apply(self):
    if self.change_set_type != "CREATE":
        return _apply(self)
    stack = self.stack
    stack.template = self.template
    stack.parameters = self.parameters
    stack._parse_template()
    stack.template_dict = transformed(stack.template_dict, self.parameters, stack.region_name)
    stack.resource_map = stack._create_resource_map()
    stack.output_map = stack._create_output_map()
    stack.create_resources()


models.ChangeSet._parse_template = parse_and_check
models.ChangeSet.diff = diff
models.ChangeSet.apply = apply

if __name__ == "__main__":
    from moto.server import main

    sys.exit(main())
