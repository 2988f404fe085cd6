package io.s3share.operator.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Hands a retained share's statements over to the bucket owner.
 *
 * <p>A share deleted with {@code deletionPolicy: Retain} must keep its access in AWS. Left under
 * our Sids, the next write for any other share on the bucket would remove it as no longer desired.
 * So its statements are re-written under {@code S3ShareRetained...} Sids, which no installation
 * owns: the access stays exactly as it was, and the operator never touches it again.
 */
public final class RetainedStatements {

  /** Upper-case after {@code S3Share}, so it never matches an installation's lower-case id. */
  public static final String SID_PREFIX = "S3ShareRetained";

  private RetainedStatements() {}

  /** The share's statements under retained Sids, unique per share and statement. */
  public static List<ObjectNode> handOver(List<ManagedStatement> statements, String shareUid) {
    return statements.stream()
        .map(
            statement -> {
              ObjectNode json = statement.toJson();
              json.put("Sid", SID_PREFIX + hash(shareUid + ":" + statement.sid()));
              return json;
            })
        .toList();
  }

  /**
   * The current policy with the retained statements appended, skipping those already present:
   * applying it twice changes nothing.
   */
  public static Optional<String> appendTo(Optional<String> current, List<ObjectNode> retained) {
    if (retained.isEmpty()) {
      return current;
    }
    BucketPolicyDocument document =
        current
            .filter(json -> !json.isBlank())
            .map(BucketPolicyDocument::parse)
            .orElseGet(() -> BucketPolicyDocument.create(List.of()));
    Set<String> present = sids(document);
    List<ObjectNode> statements = new ArrayList<>(document.statements());
    retained.stream()
        .filter(json -> !present.contains(json.path("Sid").asText()))
        .forEach(statements::add);
    return Optional.of(document.withStatements(statements).toJson());
  }

  /** Whether every one of the retained statements is already in the policy, by Sid. */
  public static boolean allPresentIn(Optional<String> current, List<ObjectNode> retained) {
    if (retained.isEmpty() || current.filter(json -> !json.isBlank()).isEmpty()) {
      return false;
    }
    Set<String> present = sids(BucketPolicyDocument.parse(current.get()));
    return retained.stream().allMatch(json -> present.contains(json.path("Sid").asText()));
  }

  private static Set<String> sids(BucketPolicyDocument document) {
    return document.statements().stream()
        .map(BucketPolicyDocument::sidOf)
        .flatMap(Optional::stream)
        .collect(Collectors.toSet());
  }

  private static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
