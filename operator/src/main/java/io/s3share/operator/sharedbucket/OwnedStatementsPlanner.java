package io.s3share.operator.sharedbucket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.s3share.operator.bucketshare.PolicyPlanner;
import io.s3share.operator.policy.BucketPolicyDocument;
import io.s3share.operator.policy.BudgetedMerge;
import io.s3share.operator.policy.MergeResult;
import io.s3share.operator.policy.PolicyEquivalence;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Plans a bucket policy in which one SharedBucket's statements change and every other statement
 * stays exactly as it is: the shares' statements, other SharedBuckets' and foreign ones. Runs
 * inside the bucket's single writer, so it plans from the policy as read under the bucket's lock.
 */
public final class OwnedStatementsPlanner implements PolicyPlanner {

  private final BucketStatementSids sids;
  private final UnaryOperator<List<ObjectNode>> desired;

  /**
   * @param desired from the SharedBucket's statements now in the policy, the ones it wants there
   */
  public OwnedStatementsPlanner(BucketStatementSids sids, UnaryOperator<List<ObjectNode>> desired) {
    this.sids = sids;
    this.desired = desired;
  }

  /** A planner that makes {@code statements} the SharedBucket's only ones in the policy. */
  public static OwnedStatementsPlanner exactly(
      BucketStatementSids sids, List<ObjectNode> statements) {
    return new OwnedStatementsPlanner(sids, current -> statements);
  }

  /** A planner that adds {@code statements} and keeps the SharedBucket's others. */
  public static OwnedStatementsPlanner adding(
      BucketStatementSids sids, List<ObjectNode> statements) {
    return new OwnedStatementsPlanner(
        sids,
        current -> {
          Map<String, ObjectNode> bySid = new LinkedHashMap<>();
          current.forEach(s -> bySid.put(sidOf(s), s));
          statements.forEach(s -> bySid.putIfAbsent(sidOf(s), s));
          return List.copyOf(bySid.values());
        });
  }

  @Override
  public BudgetedMerge.Plan plan(Optional<String> current, java.util.Set<String> excluded) {
    BucketPolicyDocument document =
        current
            .filter(json -> !json.isBlank())
            .map(BucketPolicyDocument::parse)
            .orElseGet(() -> BucketPolicyDocument.create(List.of()));
    List<ObjectNode> others = new ArrayList<>();
    Map<String, ObjectNode> mine = new LinkedHashMap<>();
    for (ObjectNode statement : document.statements()) {
      Optional<String> sid = BucketPolicyDocument.sidOf(statement);
      if (sid.filter(sids::owns).isPresent()) {
        mine.put(sid.get(), statement);
      } else {
        others.add(statement);
      }
    }
    List<ObjectNode> statements = new ArrayList<>(others);
    for (ObjectNode wanted : desired.apply(List.copyOf(mine.values()))) {
      ObjectNode present = mine.get(sidOf(wanted));
      // S3 may show a CanonicalUser principal as the account's root ARN: same account, same
      // meaning. Keeping what AWS shows spares a write that would come back rewritten again.
      statements.add(present != null && rewrittenByAws(wanted, present) ? present : wanted);
    }
    Optional<String> next =
        statements.isEmpty()
            ? Optional.empty()
            : Optional.of(document.withStatements(statements).toJson());
    boolean changed =
        next.isPresent() != current.filter(json -> !json.isBlank()).isPresent()
            || next.isPresent() && !PolicyEquivalence.equivalentJson(current.get(), next.get());
    int size = next.map(json -> json.getBytes(StandardCharsets.UTF_8).length).orElse(0);
    return new BudgetedMerge.Plan(
        new MergeResult(next, changed, size, others), java.util.Set.of(), List.of());
  }

  /** The Sids of this SharedBucket's statements in a policy. */
  public List<String> ownedIn(Optional<String> policy) {
    return policy.filter(json -> !json.isBlank()).map(BucketPolicyDocument::parse).stream()
        .flatMap(doc -> doc.statements().stream())
        .map(BucketPolicyDocument::sidOf)
        .flatMap(Optional::stream)
        .filter(sids::owns)
        .toList();
  }

  static boolean rewrittenByAws(ObjectNode wanted, ObjectNode present) {
    JsonNode canonical = wanted.path("Principal").path("CanonicalUser");
    JsonNode aws = present.path("Principal").path("AWS");
    if (!canonical.isTextual() || !aws.isTextual() || !aws.asText().endsWith(":root")) {
      return false;
    }
    ObjectNode a = wanted.deepCopy();
    ObjectNode b = present.deepCopy();
    a.remove("Principal");
    b.remove("Principal");
    return PolicyEquivalence.canonical(a).equals(PolicyEquivalence.canonical(b));
  }

  private static String sidOf(ObjectNode statement) {
    return statement.path("Sid").asText();
  }
}
