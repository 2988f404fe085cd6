package io.s3share.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The shape of {@code docs/operator-iam-policy.json}: role actions scoped to the operator's IAM
 * path and tags, and no iam:PassRole. That it lists exactly the operations the code issues is
 * checked after the ITs, from what they recorded ({@link IamPolicyMatchesCodeIT}).
 */
class IamPolicyMatchesCodeTest {

  static final Path POLICY =
      Path.of(System.getProperty("project.root.dir", ".."))
          .resolve("docs/operator-iam-policy.json");
  static final String OUR_PATH = "arn:aws:iam::*:role/s3share/*";
  static final String MANAGED_BY = "s3share.io/managed-by";
  static final Set<String> ROLE_READS =
      Set.of(
          "iam:GetRole",
          "iam:ListRolePolicies",
          "iam:GetRolePolicy",
          "iam:ListAttachedRolePolicies");

  /** Account-wide reads, which IAM cannot scope to resources: they need {@code "*"}. */
  static final Set<String> ACCOUNT_READS =
      Set.of("iam:GetAccountAuthorizationDetails", "iam:ListRoles");

  @Test
  void noPassRoleAndNoWildcardActions() throws IOException {
    assertThat(policyActions())
        .doesNotContain("iam:PassRole")
        .noneMatch(action -> action.contains("*"));
  }

  @Test
  void rolesAreCreatedOnlyUnderOurPathAndOnlyTaggedAsOurs() throws IOException {
    List<JsonNode> creating = statementsWith("iam:CreateRole");
    assertThat(creating).isNotEmpty();
    for (JsonNode statement : creating) {
      assertThat(statement.get("Resource").asText()).isEqualTo(OUR_PATH);
      assertThat(condition(statement, "aws:RequestTag/" + MANAGED_BY).asText())
          .isEqualTo("s3-share-operator-*");
    }
  }

  @Test
  void roleChangesNeedOurPathOrOurTagAndOnlyReadsReachOtherRoles() throws IOException {
    for (JsonNode statement : iamStatements()) {
      Set<String> actions = actions(statement);
      String resource = statement.get("Resource").asText();
      boolean tagged =
          condition(statement, "iam:ResourceTag/" + MANAGED_BY)
              .asText()
              .equals("s3-share-operator-*");
      boolean creation = actions.contains("iam:CreateRole");
      if (ROLE_READS.containsAll(actions)) {
        assertThat(resource).startsWith("arn:aws:iam::*:role/");
      } else if (ACCOUNT_READS.containsAll(actions)) {
        assertThat(resource).isEqualTo("*");
      } else {
        assertThat(resource).as("resource of %s", actions).isIn(OUR_PATH, "arn:aws:iam::*:role/*");
        assertThat(tagged || creation).as("tag condition on %s", actions).isTrue();
        if (resource.equals("arn:aws:iam::*:role/*")) {
          assertThat(creation).as("roles are created only under %s", OUR_PATH).isFalse();
        }
      }
    }
  }

  @Test
  void sdkOperationsMapToTheirIamActions() {
    assertThat(IamActions.of("Iam:GetRole")).isEqualTo("iam:GetRole");
    assertThat(IamActions.of("Iam:ListAttachedRolePolicies"))
        .isEqualTo("iam:ListAttachedRolePolicies");
    assertThat(IamActions.of("S3:PutBucketPolicy")).isEqualTo("s3:PutBucketPolicy");
    assertThat(IamActions.of("S3:ListBuckets")).isEqualTo("s3:ListAllMyBuckets");
    assertThat(IamActions.of("S3Control:CreateAccessPoint")).isEqualTo("s3:CreateAccessPoint");
    assertThat(IamActions.of("Sts:AssumeRole")).isIn(IamActions.BASE_IDENTITY);
  }

  static Set<String> policyActions() throws IOException {
    Set<String> all = new TreeSet<>();
    for (JsonNode statement : policy().get("Statement")) {
      all.addAll(actions(statement));
    }
    return all;
  }

  private static List<JsonNode> iamStatements() throws IOException {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode statement : policy().get("Statement")) {
      if (actions(statement).stream().anyMatch(a -> a.startsWith("iam:"))) {
        found.add(statement);
      }
    }
    return found;
  }

  private static List<JsonNode> statementsWith(String action) throws IOException {
    return iamStatements().stream().filter(s -> actions(s).contains(action)).toList();
  }

  private static JsonNode condition(JsonNode statement, String key) {
    return statement.path("Condition").path("StringLike").path(key);
  }

  private static Set<String> actions(JsonNode statement) {
    Set<String> actions = new TreeSet<>();
    JsonNode action = statement.get("Action");
    if (action.isArray()) {
      action.forEach(a -> actions.add(a.asText()));
    } else {
      actions.add(action.asText());
    }
    return actions;
  }

  private static JsonNode policy() throws IOException {
    return new ObjectMapper().readTree(POLICY.toFile());
  }
}
