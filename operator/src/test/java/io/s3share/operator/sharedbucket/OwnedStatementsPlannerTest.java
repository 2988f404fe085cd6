package io.s3share.operator.sharedbucket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.s3share.operator.aws.BucketAclPort.Acl;
import io.s3share.operator.aws.BucketAclPort.AclGrant;
import io.s3share.operator.aws.BucketAclPort.GranteeType;
import io.s3share.operator.policy.Compaction;
import io.s3share.operator.policy.Grant;
import io.s3share.operator.policy.Grantee;
import io.s3share.operator.policy.PolicyMerge;
import io.s3share.operator.policy.SidNamespace;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OwnedStatementsPlannerTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final BucketStatementSids SIDS = new BucketStatementSids("test", "legacy");
  static final String FOREIGN =
      "{\"Sid\":\"Theirs\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::999999999999:root\"},"
          + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::data/x/*\"}";

  @Test
  void addsItsStatementsAndKeepsEveryOtherStatementByteForByte() throws Exception {
    String current = "{\"Version\":\"2012-10-17\",\"Statement\":[" + FOREIGN + "]}";

    var plan =
        OwnedStatementsPlanner.adding(SIDS, translated())
            .plan(Optional.of(current), java.util.Set.of());

    assertThat(plan.merge().changed()).isTrue();
    var statements = JSON.readTree(plan.merge().document().orElseThrow()).path("Statement");
    assertThat(statements.get(0)).isEqualTo(JSON.readTree(FOREIGN));
    assertThat(statements).hasSize(2);
  }

  @Test
  void aSecondPlanWithTheSameStatementsChangesNothing() {
    var planner = OwnedStatementsPlanner.adding(SIDS, translated());
    String written =
        planner.plan(Optional.empty(), java.util.Set.of()).merge().document().orElseThrow();

    assertThat(planner.plan(Optional.of(written), java.util.Set.of()).merge().changed()).isFalse();
  }

  @Test
  void exactlyNothingRemovesOnlyItsOwnStatements() throws Exception {
    String withOurs =
        OwnedStatementsPlanner.adding(SIDS, translated())
            .plan(
                Optional.of("{\"Version\":\"2012-10-17\",\"Statement\":[" + FOREIGN + "]}"),
                java.util.Set.of())
            .merge()
            .document()
            .orElseThrow();

    var plan =
        OwnedStatementsPlanner.exactly(SIDS, List.of())
            .plan(Optional.of(withOurs), java.util.Set.of());

    assertThat(JSON.readTree(plan.merge().document().orElseThrow()).path("Statement"))
        .containsExactly(JSON.readTree(FOREIGN));
  }

  @Test
  void theRootArnAwsShowsForACanonicalUserCountsAsTheSame() {
    ObjectNode statement = translated().get(0);
    ObjectNode rewritten = statement.deepCopy();
    rewritten.putObject("Principal").put("AWS", "arn:aws:iam::222233334444:root");
    String current = "{\"Version\":\"2012-10-17\",\"Statement\":[" + rewritten + "]}";

    var plan =
        OwnedStatementsPlanner.adding(SIDS, List.of(statement))
            .plan(Optional.of(current), java.util.Set.of());

    assertThat(plan.merge().changed()).isFalse();
  }

  @Test
  void aShareWriteOnTheSameBucketKeepsTheSharedBucketsStatements() throws Exception {
    String withOurs =
        OwnedStatementsPlanner.adding(SIDS, translated())
            .plan(Optional.empty(), java.util.Set.of())
            .merge()
            .document()
            .orElseThrow();
    SidNamespace shares = new SidNamespace("test");
    var grant =
        new Grant(
            Grantee.account("222222222222"),
            io.s3share.operator.policy.Permission.of(
                List.of("s3:GetObject"),
                List.of("arn:aws:s3:::data/*"),
                io.s3share.operator.policy.Conditions.none()));

    var merged =
        PolicyMerge.merge(
            Optional.of(withOurs), Compaction.compact(shares, List.of(grant)), shares);
    // And with no share left at all:
    var emptied = PolicyMerge.merge(Optional.of(withOurs), List.of(), shares);

    var ours = JSON.readTree(withOurs).path("Statement").get(0);
    assertThat(JSON.readTree(merged.document().orElseThrow()).path("Statement")).contains(ours);
    assertThat(JSON.readTree(emptied.document().orElseThrow()).path("Statement"))
        .containsExactly(ours);
  }

  private static List<ObjectNode> translated() {
    Acl acl =
        new Acl(
            "a".repeat(64),
            List.of(new AclGrant(GranteeType.CanonicalUser, "b".repeat(64), "READ")));
    return AclTranslation.translate("aws", "data", "111122223333", acl, SIDS).statements();
  }
}
