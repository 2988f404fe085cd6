package io.s3share.operator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a policy write changes, by Sid, and which shares it is for: the substance of the one log
 * line per write. Pure: it compares the document read before the write with the one written.
 *
 * @param added our Sids the write adds
 * @param updated our Sids whose statement the write changes (e.g. a principal added)
 * @param removed our Sids the write removes
 * @param foreignKept statements of others the written document keeps
 * @param handedOver statements of retained shares the write hands over as unmanaged ones
 */
public record PolicyChange(
    SortedSet<String> added,
    SortedSet<String> updated,
    SortedSet<String> removed,
    int foreignKept,
    int handedOver) {

  public PolicyChange {
    added = new TreeSet<>(added);
    updated = new TreeSet<>(updated);
    removed = new TreeSet<>(removed);
  }

  /** The change from {@code before} to {@code after}; empty means no policy. */
  public static PolicyChange between(
      Optional<String> before, Optional<String> after, SidNamespace ns) {
    Map<String, ObjectNode> old = owned(before, ns);
    Map<String, ObjectNode> written = owned(after, ns);
    SortedSet<String> added = new TreeSet<>(written.keySet());
    added.removeAll(old.keySet());
    SortedSet<String> removed = new TreeSet<>(old.keySet());
    removed.removeAll(written.keySet());
    SortedSet<String> updated = new TreeSet<>();
    written.forEach(
        (sid, statement) -> {
          if (old.containsKey(sid)
              && !PolicyEquivalence.canonical(old.get(sid))
                  .equals(PolicyEquivalence.canonical(statement))) {
            updated.add(sid);
          }
        });
    Set<String> foreignBefore = new HashSet<>();
    statements(before).forEach(s -> BucketPolicyDocument.sidOf(s).ifPresent(foreignBefore::add));
    int foreign = 0;
    int handedOver = 0;
    for (ObjectNode statement : statements(after)) {
      Optional<String> sid = BucketPolicyDocument.sidOf(statement);
      if (sid.filter(ns::owns).isPresent()) {
        continue;
      }
      boolean retained = sid.filter(s -> s.startsWith(RetainedStatements.SID_PREFIX)).isPresent();
      if (retained && !foreignBefore.contains(sid.get())) {
        handedOver++;
      } else {
        foreign++;
      }
    }
    return new PolicyChange(added, updated, removed, foreign, handedOver);
  }

  /**
   * The shares whose grants the written policy carries and the policy before did not: the ones a
   * coalesced write is for. A share whose grants only go (deleted, denied) is not among them; its
   * own converge names it.
   */
  public static List<String> gaining(
      Optional<String> before, List<BudgetedMerge.ShareGrants> admitted, SidNamespace ns) {
    Map<String, ObjectNode> old = owned(before, ns);
    Map<String, Set<String>> valuesBySid = new LinkedHashMap<>();
    List<String> gaining = new ArrayList<>();
    for (BudgetedMerge.ShareGrants share : admitted) {
      boolean gains =
          share.grants().stream()
              .anyMatch(
                  grant -> {
                    String sid =
                        ns.sidFor(new StatementKey(grant.permission(), grant.grantee().kind()));
                    Set<String> values =
                        valuesBySid.computeIfAbsent(sid, s -> textValues(old.get(s)));
                    return !values.contains(grant.grantee().value());
                  });
      if (gains) {
        gaining.add(share.shareId());
      }
    }
    return gaining;
  }

  public boolean isEmpty() {
    return added.isEmpty() && updated.isEmpty() && removed.isEmpty() && handedOver == 0;
  }

  /** E.g. {@code added S3ShareprodXab12..., updated S3ShareprodXcd34...; 2 foreign kept}. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (!added.isEmpty()) {
      parts.add("added " + String.join(" ", added));
    }
    if (!updated.isEmpty()) {
      parts.add("updated " + String.join(" ", updated));
    }
    if (!removed.isEmpty()) {
      parts.add("removed " + String.join(" ", removed));
    }
    if (handedOver > 0) {
      parts.add("handed over " + handedOver + " retained statement(s) as unmanaged");
    }
    if (parts.isEmpty()) {
      parts.add("statements as before");
    }
    return String.join(", ", parts) + "; " + foreignKept + " foreign statement(s) kept";
  }

  private static Map<String, ObjectNode> owned(Optional<String> policy, SidNamespace ns) {
    Map<String, ObjectNode> bySid = new LinkedHashMap<>();
    for (ObjectNode statement : statements(policy)) {
      BucketPolicyDocument.sidOf(statement)
          .filter(ns::owns)
          .ifPresent(sid -> bySid.put(sid, statement));
    }
    return bySid;
  }

  private static List<ObjectNode> statements(Optional<String> policy) {
    return policy
        .filter(json -> !json.isBlank())
        .map(json -> BucketPolicyDocument.parse(PolicyEquivalence.urlDecodeIfNeeded(json)))
        .map(BucketPolicyDocument::statements)
        .orElse(List.of());
  }

  /** Every string in a statement: its principals, organization ids and account ids among them. */
  private static Set<String> textValues(JsonNode node) {
    Set<String> values = new HashSet<>();
    if (node == null) {
      return values;
    }
    if (node.isTextual()) {
      values.add(node.asText());
    }
    node.forEach(child -> values.addAll(textValues(child)));
    return values;
  }
}
