package io.s3share.operator.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A principal's identity side: its inline and attached policies and its permissions boundary. */
public record IdentityDocuments(List<PolicyDocument> policies, Optional<PolicyDocument> boundary) {

  public IdentityDocuments {
    policies = List.copyOf(policies);
  }

  /** Parses the policies (named identity-policy-1, -2, …) and the boundary, which may be null. */
  public static IdentityDocuments parse(List<String> policyJson, String boundaryJson) {
    List<PolicyDocument> policies = new ArrayList<>();
    for (int i = 0; i < policyJson.size(); i++) {
      policies.add(PolicyDocument.parse("identity-policy-" + (i + 1), policyJson.get(i)));
    }
    return new IdentityDocuments(
        policies,
        Optional.ofNullable(boundaryJson)
            .map(b -> PolicyDocument.parse("permissions-boundary", b)));
  }
}
