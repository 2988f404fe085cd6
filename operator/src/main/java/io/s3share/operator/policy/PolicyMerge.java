package io.s3share.operator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Merges this installation's desired statements into a bucket policy others also write. */
public final class PolicyMerge {

  private PolicyMerge() {}

  /**
   * Foreign statements first, exactly as found and in their order, then the desired statements
   * sorted by Sid. This installation's statements that are not desired are dropped.
   */
  public static MergeResult merge(
      Optional<String> currentPolicyJson, List<ManagedStatement> desired, SidNamespace ns) {
    // S3 answers NoSuchBucketPolicy for "none", but some callers pass an empty string.
    Optional<JsonNode> currentNode =
        currentPolicyJson.filter(json -> !json.isBlank()).map(PolicyJson::read);
    Optional<BucketPolicyDocument> current = currentNode.map(BucketPolicyDocument::fromJson);
    List<ObjectNode> foreign = current.map(doc -> foreign(doc, ns)).orElse(List.of());

    List<ObjectNode> statements = new ArrayList<>(foreign);
    sortedOwned(desired, ns).forEach(statement -> statements.add(statement.toJson()));
    if (statements.isEmpty()) {
      return new MergeResult(Optional.empty(), current.isPresent(), 0, foreign);
    }

    BucketPolicyDocument merged =
        current
            .map(doc -> doc.withStatements(statements))
            .orElseGet(() -> BucketPolicyDocument.create(statements));
    ObjectNode mergedNode = merged.toJsonNode();
    boolean changed =
        currentNode.map(node -> !PolicyEquivalence.equivalent(node, mergedNode)).orElse(true);
    String json = PolicyJson.write(mergedNode);
    return new MergeResult(
        Optional.of(json), changed, json.getBytes(StandardCharsets.UTF_8).length, foreign);
  }

  /** The statements of a policy that this installation does not own, in their order. */
  public static List<ObjectNode> foreignStatements(String json, SidNamespace ns) {
    return foreign(BucketPolicyDocument.parse(json), ns);
  }

  private static List<ObjectNode> foreign(BucketPolicyDocument document, SidNamespace ns) {
    return document.statements().stream()
        .filter(statement -> !BucketPolicyDocument.sidOf(statement).map(ns::owns).orElse(false))
        .toList();
  }

  private static List<ManagedStatement> sortedOwned(
      List<ManagedStatement> desired, SidNamespace ns) {
    Set<String> sids = new HashSet<>();
    for (ManagedStatement statement : desired) {
      // Writing a Sid we do not own would make the statement invisible to our next merge.
      if (!ns.owns(statement.sid())) {
        throw new IllegalArgumentException(
            statement.sid() + " is not in namespace " + ns.installationId());
      }
      if (!sids.add(statement.sid())) {
        throw new IllegalArgumentException("duplicate Sid " + statement.sid());
      }
    }
    return desired.stream().sorted(Comparator.comparing(ManagedStatement::sid)).toList();
  }
}
