package io.s3share.operator.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Tells stale statements of ours from another writer's that share our Sid prefix. A statement under
 * our prefix that no share explains is stale the first time and is removed; when it comes back
 * after that, someone keeps writing it: most likely another cluster's operator running with the
 * same installation id. Fighting would flap both clusters' grants, so such statements are kept.
 */
public final class InstallationConflict {

  private InstallationConflict() {}

  /**
   * Our Sids in {@code current} that {@code planned} drops: the statements a write would remove.
   */
  public static Set<String> unexplained(
      Optional<String> current, Optional<String> planned, SidNamespace ns) {
    Set<String> sids = ownedSids(current, ns);
    sids.removeAll(ownedSids(planned, ns));
    return sids;
  }

  /** Our Sids in a policy document, if any. */
  public static Set<String> ownedSids(Optional<String> policy, SidNamespace ns) {
    return policy.filter(json -> !json.isBlank()).stream()
        .flatMap(json -> BucketPolicyDocument.parse(json).statements().stream())
        .map(BucketPolicyDocument::sidOf)
        .flatMap(Optional::stream)
        .filter(ns::owns)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The planned merge with the current statements under {@code sids} kept as they are. */
  public static MergeResult keeping(
      MergeResult planned, Optional<String> current, Set<String> sids) {
    List<ObjectNode> kept =
        BucketPolicyDocument.parse(current.orElseThrow()).statements().stream()
            .filter(s -> BucketPolicyDocument.sidOf(s).filter(sids::contains).isPresent())
            .toList();
    BucketPolicyDocument base =
        planned
            .document()
            .map(BucketPolicyDocument::parse)
            .orElseGet(() -> BucketPolicyDocument.create(List.of()));
    List<ObjectNode> statements = new ArrayList<>(base.statements());
    statements.addAll(kept);
    String json = base.withStatements(statements).toJson();
    boolean changed = !PolicyEquivalence.equivalentJson(current.get(), json);
    return new MergeResult(
        Optional.of(json),
        changed,
        json.getBytes(StandardCharsets.UTF_8).length,
        planned.foreign());
  }
}
