package io.s3share.operator.evaluation;

/**
 * How a resource-policy statement names the caller. {@code ACCOUNT} trusts the caller's account
 * only, so the caller's own identity policies must also allow the request, even in the same
 * account; {@code DIRECT} names the caller itself (its ARN, a wildcard, a service, or a
 * NotPrincipal that leaves it out).
 */
enum PrincipalMatch {
  NONE,
  ACCOUNT,
  DIRECT;

  PrincipalMatch max(PrincipalMatch other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
