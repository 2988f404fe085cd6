package io.s3share.operator.guardrail;

import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.SharingMethod;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One SharingPolicy as a value.
 *
 * @param prefixes allowed key prefixes; empty means no prefix restriction
 * @param maxDuration the longest a grant may last from now: expiresAt must be set and no later
 * @param review the periodic review the policy asks for, if any
 */
public record Rule(
    String name,
    Selector namespaces,
    Set<String> accounts,
    List<BucketPattern> buckets,
    Optional<List<String>> prefixes,
    Set<String> consumerAccounts,
    Set<String> consumerOrganizations,
    Access maxAccess,
    Set<SharingMethod> methods,
    boolean requireExternalId,
    boolean requireTls,
    Optional<Duration> maxDuration,
    Optional<ReviewRequirement> review) {

  /** A rule that sets no time limits. */
  public Rule(
      String name,
      Selector namespaces,
      Set<String> accounts,
      List<BucketPattern> buckets,
      Optional<List<String>> prefixes,
      Set<String> consumerAccounts,
      Set<String> consumerOrganizations,
      Access maxAccess,
      Set<SharingMethod> methods,
      boolean requireExternalId,
      boolean requireTls) {
    this(
        name,
        namespaces,
        accounts,
        buckets,
        prefixes,
        consumerAccounts,
        consumerOrganizations,
        maxAccess,
        methods,
        requireExternalId,
        requireTls,
        Optional.empty(),
        Optional.empty());
  }

  public Rule {
    accounts = Set.copyOf(accounts);
    buckets = List.copyOf(buckets);
    prefixes = prefixes.map(List::copyOf);
    consumerAccounts = Set.copyOf(consumerAccounts);
    consumerOrganizations = Set.copyOf(consumerOrganizations);
    methods = Set.copyOf(methods);
  }
}
