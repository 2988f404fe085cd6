package io.s3share.operator.guardrail;

import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.SharingPolicyIndexEntry;
import io.s3share.operator.api.v1alpha1.SharingPolicyIndexSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Regroups SharingPolicies by the namespaces they select, so that a ValidatingAdmissionPolicy can
 * OR them with {@code exists()} over one params object. (A paramRef selector matching several
 * params would AND them instead.) Pure.
 */
public final class AdmissionIndex {

  private AdmissionIndex() {}

  /**
   * @param namespaceLabels every namespace's labels, by namespace name
   */
  public static SharingPolicyIndexSpec build(
      Collection<Rule> rules, Map<String, Map<String, String>> namespaceLabels) {
    Map<String, List<SharingPolicyIndexEntry>> byNamespace = new TreeMap<>();
    List<Rule> sorted = rules.stream().sorted(Comparator.comparing(Rule::name)).toList();
    namespaceLabels.forEach(
        (namespace, labels) -> {
          List<SharingPolicyIndexEntry> entries = new ArrayList<>();
          for (Rule rule : sorted) {
            if (rule.namespaces().matches(labels)) {
              entries.add(entryOf(rule));
            }
          }
          if (!entries.isEmpty()) {
            byNamespace.put(namespace, entries);
          }
        });
    SharingPolicyIndexSpec spec = new SharingPolicyIndexSpec();
    spec.setNamespaces(byNamespace);
    return spec;
  }

  static SharingPolicyIndexEntry entryOf(Rule rule) {
    SharingPolicyIndexEntry entry = new SharingPolicyIndexEntry();
    entry.setPolicy(rule.name());
    entry.setAccounts(sorted(rule.accounts()));
    entry.setBucketRegexes(rule.buckets().stream().map(BucketPattern::regex).toList());
    entry.setPrefixes(rule.prefixes().orElse(List.of()));
    entry.setConsumerAccounts(sorted(rule.consumerAccounts()));
    entry.setConsumerOrganizations(sorted(rule.consumerOrganizations()));
    entry.setAccesses(
        Arrays.stream(Access.values())
            .filter(a -> Guardrail.covers(rule.maxAccess(), a))
            .map(Access::name)
            .toList());
    entry.setMethods(rule.methods().stream().map(Enum::name).sorted().toList());
    entry.setRequireExternalId(rule.requireExternalId());
    entry.setRequireTls(rule.requireTls());
    entry.setMaxDuration(rule.maxDuration().map(Durations::describe).orElse(null));
    return entry;
  }

  private static List<String> sorted(Collection<String> values) {
    return values.stream().sorted().toList();
  }
}
