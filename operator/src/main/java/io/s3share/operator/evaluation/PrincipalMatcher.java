package io.s3share.operator.evaluation;

import io.s3share.operator.evaluation.RequestPrincipal.Kind;
import java.util.List;

/**
 * Principal and NotPrincipal matching.
 *
 * <ul>
 *   <li>{@code "*"} and {@code {"AWS": "*"}} name everyone, anonymous callers included; only the
 *       bare {@code "*"} also names service principals.
 *   <li>A 12-digit account id and {@code arn:aws:iam::<id>:root} are the same: the account, so any
 *       of its principals that the account itself permits.
 *   <li>A role or user ARN names that entity only; services match by exact name; Federated and
 *       CanonicalUser principals never match a request here.
 *   <li>NotPrincipal leaves a caller out only when every identity in its chain is listed: for a
 *       role, both its ARN and its account, as AWS documents. A Deny with NotPrincipal applies to
 *       every role that has a permissions boundary, whatever it lists (AWS documents this).
 * </ul>
 */
final class PrincipalMatcher {

  private PrincipalMatcher() {}

  static PrincipalMatch principal(PrincipalElement element, RequestPrincipal caller) {
    if (element.everyone()) {
      return PrincipalMatch.DIRECT;
    }
    PrincipalMatch best = PrincipalMatch.NONE;
    if (caller.kind() == Kind.SERVICE) {
      for (String service : element.values("Service")) {
        if (service.equalsIgnoreCase(caller.arn())) {
          best = PrincipalMatch.DIRECT;
        }
      }
      return best;
    }
    for (String value : element.values("AWS")) {
      best = best.max(awsValue(value, caller));
    }
    return best;
  }

  /** True when a NotPrincipal element leaves the caller out, so the statement does not apply. */
  static boolean excludedBy(
      PrincipalElement element, RequestPrincipal caller, Effect effect, boolean hasBoundary) {
    if (effect == Effect.DENY && hasBoundary && caller.kind() == Kind.IAM_ENTITY) {
      return false;
    }
    if (element.everyone()) {
      return true;
    }
    List<String> aws = element.values("AWS");
    return switch (caller.kind()) {
      case SERVICE -> principal(element, caller) != PrincipalMatch.NONE;
      case ANONYMOUS -> aws.contains("*");
      case ACCOUNT -> aws.stream().anyMatch(v -> v.equals("*") || namesAccount(v, caller));
      case IAM_ENTITY ->
          aws.stream().anyMatch(v -> v.equals("*") || v.equals(caller.arn()))
              && aws.stream().anyMatch(v -> v.equals("*") || namesAccount(v, caller));
    };
  }

  private static PrincipalMatch awsValue(String value, RequestPrincipal caller) {
    if (value.equals("*")) {
      return PrincipalMatch.DIRECT;
    }
    if (caller.kind() == Kind.ANONYMOUS) {
      return PrincipalMatch.NONE;
    }
    if (namesAccount(value, caller)) {
      return PrincipalMatch.ACCOUNT;
    }
    if (caller.kind() == Kind.IAM_ENTITY && value.equals(caller.arn())) {
      return PrincipalMatch.DIRECT;
    }
    return PrincipalMatch.NONE;
  }

  private static boolean namesAccount(String value, RequestPrincipal caller) {
    return caller.hasAccount()
        && (value.equals(caller.accountId())
            || value.matches("arn:aws[a-z-]*:iam::" + caller.accountId() + ":root"));
  }
}
