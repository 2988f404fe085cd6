package io.s3share.operator.accesspoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3share.operator.policy.AccessLevel;
import io.s3share.operator.policy.Compaction;
import io.s3share.operator.policy.Grantee;
import io.s3share.operator.policy.ShareIntent;
import io.s3share.operator.policy.SidNamespace;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DelegationTest {

  static final SidNamespace NS = new SidNamespace("unit");
  static final String PATTERN =
      Delegation.arnPattern("aws", "eu-west-1", "111122223333", new AccessPointNames("unit"));

  @Test
  void delegatesOnlyOurActionsToOurAccessPointsOfTheOwner() {
    var grants =
        Delegation.forShares("data", "111122223333", PATTERN, List.of(intent(AccessLevel.READ)))
            .orElseThrow();

    String json = Compaction.compact(NS, grants.grants()).get(0).toJson().toString();

    assertThat(json)
        .isEqualTo(
            "{\"Sid\":\""
                + Compaction.compact(NS, grants.grants()).get(0).sid()
                + "\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},"
                + "\"Action\":[\"s3:GetBucketLocation\",\"s3:GetObject\",\"s3:GetObjectVersion\","
                + "\"s3:ListBucket\"],"
                + "\"Resource\":[\"arn:aws:s3:::data\",\"arn:aws:s3:::data/*\"],"
                + "\"Condition\":{\"StringEquals\":{\"s3:DataAccessPointAccount\":[\"111122223333\"]},"
                + "\"StringLike\":{\"s3:DataAccessPointArn\":"
                + "[\"arn:aws:s3:eu-west-1:111122223333:accesspoint/s3s-unit-*\"]}}}");
    assertThat(json).doesNotContain("s3:*");
  }

  @Test
  void theActionsAreTheUnionOfTheSharesAndTheSizeDoesNotGrowWithTheirNumber() {
    int one = size(List.of(intent(AccessLevel.WRITE), intent(AccessLevel.READ)));
    int many =
        size(
            IntStream.range(0, 5000)
                .mapToObj(i -> intent(i % 2 == 0 ? AccessLevel.READ : AccessLevel.WRITE))
                .toList());

    assertThat(many).isEqualTo(one);
    var grants =
        Delegation.forShares("data", "111122223333", PATTERN, List.of(intent(AccessLevel.WRITE)))
            .orElseThrow();
    assertThat(grants.grants().get(0).actions())
        .containsExactly("s3:AbortMultipartUpload", "s3:PutObject");
  }

  @Test
  void noAccessPointSharesNoDelegation() {
    assertThat(Delegation.forShares("data", "111122223333", PATTERN, List.of())).isEmpty();
  }

  @Test
  void aRetainedAccessPointKeepsADelegationToItsOwnArnOnly() {
    String arn = "arn:aws:s3:eu-west-1:111122223333:accesspoint/s3s-unit-kept";
    String json =
        Delegation.retainedFor("data", "111122223333", arn, intent(AccessLevel.LIST), NS)
            .get(0)
            .toJson()
            .toString();

    assertThat(json)
        .contains(
            "\"StringEquals\":{\"s3:DataAccessPointAccount\":[\"111122223333\"],"
                + "\"s3:DataAccessPointArn\":[\""
                + arn
                + "\"]}")
        .doesNotContain("StringLike");
  }

  private static int size(List<ShareIntent> intents) {
    var grants = Delegation.forShares("data", "111122223333", PATTERN, intents).orElseThrow();
    return Compaction.compact(NS, grants.grants()).get(0).toJson().toString().length();
  }

  private static ShareIntent intent(AccessLevel level) {
    return new ShareIntent(
        "data", List.of(Grantee.account("444455556666")), level, Set.of(), List.of(), true);
  }
}
