package io.s3share.operator.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.regex.Pattern;

/**
 * A role's trust policy: who may call sts:AssumeRole, and on which conditions; pure.
 *
 * <p>Accounts and roles are named in one statement. Organizations get a second statement with
 * {@code "AWS":"*"} narrowed by {@code aws:PrincipalOrgID}, the same convention as bucket policies;
 * a bare {@code "*"} is never written. Every statement asks for the ExternalId when there is one.
 */
public record TrustPolicy(SortedSet<Grantee> principals, Optional<String> externalId) {

  /** IAM's default quota for trust policies (raisable to 4,096). */
  public static final int LIMIT_CHARS = 2048;

  static final String ASSUME_ROLE = "sts:AssumeRole";
  static final String EXTERNAL_ID = "sts:ExternalId";

  // IAM's documented ExternalId syntax: 2 to 1,224 of these characters.
  private static final Pattern EXTERNAL_ID_SYNTAX = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

  public TrustPolicy {
    principals = Sorted.copyOf(Objects.requireNonNull(principals, "principals"));
    Objects.requireNonNull(externalId, "externalId");
    if (principals.isEmpty()) {
      throw new InvalidShareException("a role needs at least one trusted principal");
    }
    externalId.ifPresent(TrustPolicy::requireValidExternalId);
  }

  public static void requireValidExternalId(String externalId) {
    if (externalId == null || !EXTERNAL_ID_SYNTAX.matcher(externalId).matches()) {
      throw new InvalidShareException(
          "an ExternalId must be 2-1224 letters, digits and _+=,.@:/- characters");
    }
  }

  public ObjectNode toJsonNode() {
    ObjectNode root = PolicyJson.MAPPER.createObjectNode();
    root.put("Version", BucketPolicyDocument.CURRENT_VERSION);
    ArrayNode statements = root.putArray("Statement");
    Conditions base =
        externalId
            .map(id -> Conditions.of(Conditions.STRING_EQUALS, EXTERNAL_ID, List.of(id)))
            .orElse(Conditions.none());
    List<String> named = values(Grantee.Kind.AWS_PRINCIPAL);
    if (!named.isEmpty()) {
      ObjectNode principal = PolicyJson.MAPPER.createObjectNode();
      principal.set("AWS", PolicyJson.array(named));
      statements.add(statement("TrustedPrincipals", principal, base));
    }
    List<String> organizations = values(Grantee.Kind.ORGANIZATION);
    if (!organizations.isEmpty()) {
      ObjectNode anyone = PolicyJson.MAPPER.createObjectNode().put("AWS", "*");
      statements.add(
          statement(
              "TrustedOrganizations",
              anyone,
              base.with(
                  Conditions.STRING_EQUALS, ManagedStatement.PRINCIPAL_ORG_ID, organizations)));
    }
    return root;
  }

  /** Minified JSON, as sent to IAM. */
  public String toJson() {
    return PolicyJson.write(toJsonNode());
  }

  /** Characters counted against {@link #LIMIT_CHARS}. */
  public int chars() {
    return PolicySize.minifiedChars(toJsonNode());
  }

  private List<String> values(Grantee.Kind kind) {
    return principals.stream().filter(p -> p.kind() == kind).map(Grantee::value).toList();
  }

  private static ObjectNode statement(String sid, ObjectNode principal, Conditions conditions) {
    ObjectNode node = PolicyJson.MAPPER.createObjectNode();
    node.put("Sid", sid);
    node.put("Effect", "Allow");
    node.set("Principal", principal);
    node.put("Action", ASSUME_ROLE);
    if (!conditions.isEmpty()) {
      node.set("Condition", conditions.toJson());
    }
    return node;
  }
}
