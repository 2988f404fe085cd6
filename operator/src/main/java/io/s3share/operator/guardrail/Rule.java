package io.s3share.operator.guardrail;

import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.SharingMethod;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One SharingPolicy as a value.
 *
 * @param prefixes allowed key prefixes; empty means no prefix restriction
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
    boolean requireTls) {

  public Rule {
    accounts = Set.copyOf(accounts);
    buckets = List.copyOf(buckets);
    prefixes = prefixes.map(List::copyOf);
    consumerAccounts = Set.copyOf(consumerAccounts);
    consumerOrganizations = Set.copyOf(consumerOrganizations);
    methods = Set.copyOf(methods);
  }
}
