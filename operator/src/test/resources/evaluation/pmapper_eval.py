"""Judges policy cases with principalmapper, the independent evaluator our own is checked against.

Reads a JSON array of cases on stdin and prints a JSON array of decisions, one per case, in order.
Each case: {"mode": "resource" | "full", "owner": account id, "principal": IAM user or role ARN,
"action", "resource", "context": {key: [values]}, "bucketPolicy": document,
"identityPolicies": [documents] (full mode), "boundary": document or null (full mode)}.

"resource" mode asks resource_policy_authorization for the resource-policy verdict only and prints
ALLOW (a statement grants), EXPLICIT_DENY or IMPLICIT_DENY. "full" mode asks
local_check_authorization_full, which answers a boolean: ALLOW or DENY.
"""

import collections
import collections.abc
import json
import sys

# principalmapper 1.1.5 imports these from their pre-3.10 location.
collections.Mapping = collections.abc.Mapping
collections.MutableMapping = collections.abc.MutableMapping

from principalmapper.common import Node, Policy  # noqa: E402
from principalmapper.querying.local_policy_simulation import (  # noqa: E402
    ResourcePolicyEvalResult,
    resource_policy_authorization,
)
from principalmapper.querying.query_interface import local_check_authorization_full  # noqa: E402


def context_of(case):
    # One value as a plain string: principalmapper compares some operators against the raw value.
    return {k: (v[0] if len(v) == 1 else v) for k, v in case["context"].items()}


def node_of(case):
    arn = case["principal"]
    policies = [
        Policy(arn, "identity-policy-{}".format(i + 1), doc)
        for i, doc in enumerate(case.get("identityPolicies") or [])
    ]
    boundary = case.get("boundary")
    is_role = ":role/" in arn
    return Node(
        arn,
        "AROAEXAMPLEID" if is_role else "AIDAEXAMPLEID",
        policies,
        None,
        {"Version": "2012-10-17", "Statement": []} if is_role else None,
        None,
        0,
        False,
        False,
        Policy("arn:aws:iam::aws:policy/boundary", "boundary", boundary) if boundary else None,
        False,
        None,
    )


def judge(case):
    node = node_of(case)
    if case["mode"] == "resource":
        result = resource_policy_authorization(
            node,
            case["owner"],
            case["bucketPolicy"],
            case["action"],
            case["resource"],
            context_of(case),
        )
        if result == ResourcePolicyEvalResult.DENY_MATCH:
            return "EXPLICIT_DENY"
        if result == ResourcePolicyEvalResult.NO_MATCH:
            return "IMPLICIT_DENY"
        return "ALLOW"
    allowed = local_check_authorization_full(
        node,
        case["action"],
        case["resource"],
        context_of(case),
        case["bucketPolicy"],
        case["owner"],
    )
    return "ALLOW" if allowed else "DENY"


def main():
    cases = json.load(sys.stdin)
    decisions = []
    for case in cases:
        try:
            decisions.append(judge(case))
        except Exception as error:  # a crash is reported per case, never hidden
            decisions.append("ERROR: {}: {}".format(type(error).__name__, error))
    json.dump(decisions, sys.stdout)


if __name__ == "__main__":
    main()
