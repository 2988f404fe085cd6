package io.s3share.operator.guardrail;

import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.SharingMethod;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a BucketShare or CrossAccountRole asks for, as a value the guardrail can judge.
 *
 * @param what e.g. {@code BucketShare team-a/reports}, for messages
 * @param methods every method the request may end up granted through; a policy must allow all of
 *     them (a BucketShare with {@code via: Auto} may use the bucket policy or an access point)
 * @param externalIdRequired whether the trust policy will demand an ExternalId (always true for
 *     BucketShares, where it does not apply)
 * @param lifetime how long from now the grants are asked for: until spec.expiresAt (negative once
 *     past); empty when the resource sets no expiry
 */
public record Request(
    String what,
    String namespace,
    String account,
    Set<SharingMethod> methods,
    List<Part> parts,
    List<Principal> principals,
    boolean requireTls,
    boolean externalIdRequired,
    Optional<Duration> lifetime) {

  /** A request without an expiry. */
  public Request(
      String what,
      String namespace,
      String account,
      Set<SharingMethod> methods,
      List<Part> parts,
      List<Principal> principals,
      boolean requireTls,
      boolean externalIdRequired) {
    this(
        what,
        namespace,
        account,
        methods,
        parts,
        principals,
        requireTls,
        externalIdRequired,
        Optional.empty());
  }

  /** One bucket, its prefixes (empty: the whole bucket) and the access level on it. */
  public record Part(String bucket, List<String> prefixes, Access access) {
    public Part {
      prefixes = List.copyOf(prefixes);
    }
  }

  /** A consumer or trusted principal: exactly one of the three is set. */
  public record Principal(String accountId, String roleArn, String organizationId) {
    public static Principal account(String id) {
      return new Principal(id, null, null);
    }

    public static Principal role(String arn) {
      return new Principal(null, arn, null);
    }

    public static Principal organization(String id) {
      return new Principal(null, null, id);
    }

    @Override
    public String toString() {
      return accountId != null
          ? "account " + accountId
          : roleArn != null ? "role " + roleArn : "organization " + organizationId;
    }
  }

  public Request {
    if (methods.isEmpty()) {
      throw new IllegalArgumentException(what + " names no sharing method");
    }
    methods = Set.copyOf(EnumSet.copyOf(methods));
    parts = List.copyOf(parts);
    principals = List.copyOf(principals);
  }
}
