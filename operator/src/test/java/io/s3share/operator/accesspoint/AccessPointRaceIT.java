package io.s3share.operator.accesspoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javaoperatorsdk.operator.junit.LocallyRunOperatorExtension;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.metrics.RaceMetrics;
import io.s3share.operator.testing.BucketPolicies;
import io.s3share.operator.testing.ClusterScoped;
import io.s3share.operator.testing.OperatorUnderTest;
import io.s3share.operator.testing.OwnerAccount;
import io.s3share.operator.testing.Shares;
import io.s3share.testenv.MotoExtension;
import io.s3share.testenv.MotoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Another writer changes a share's access point policy right after the operator wrote it: the
 * read-back finds it, the race is counted, and the next converge keeps the other writer's statement
 * next to ours.
 */
@ExtendWith(MotoExtension.class)
class AccessPointRaceIT {

  static final String INSTALLATION = "apraces";
  static final String OWNER = "212121212191";
  static final Duration WAIT = Duration.ofSeconds(90);
  static final OperatorUnderTest operator =
      OperatorUnderTest.create(INSTALLATION, Duration.ofMinutes(10));

  @RegisterExtension static final LocallyRunOperatorExtension extension = operator.extension;

  static OwnerAccount owner;
  static AccessPointFixture accessPoints;

  @BeforeAll
  static void ownerAccount(MotoServer moto) {
    owner = OwnerAccount.create(operator.client, moto, "apraces-owner", OWNER);
    accessPoints = new AccessPointFixture(owner.admin, OWNER);
  }

  @AfterAll
  static void close() {
    ClusterScoped.removeTenantResources(operator);
    ClusterScoped.remove(operator.client, AwsAccount.class, owner.name);
    owner.close();
  }

  @Test
  void aForeignWriteRightAfterOursIsCountedAndKept() {
    String bucket = "apraces-data";
    owner.createBucket(bucket);
    BucketShare share =
        AccessPointFixture.viaAccessPoint(
            Shares.share(
                operator.namespace(),
                "raced",
                owner.name,
                bucket,
                Access.Read,
                List.of(Consumer.account("222222222291")),
                List.of("reports/")),
            "raced");
    String name = new AccessPointNames(INSTALLATION).nameFor(share);
    ObjectNode foreign =
        BucketPolicies.foreignStatement("AddedByAnotherTool", bucket, "888888888891");
    double before = races();
    operator.faults.afterNext(
        "PutAccessPointPolicy",
        name,
        () -> {
          List<ObjectNode> statements = new ArrayList<>(accessPoints.statements(name));
          statements.add(foreign);
          ObjectNode policy = BucketPolicies.parse("{\"Version\":\"2012-10-17\"}");
          policy.putArray("Statement").addAll(statements);
          accessPoints.putPolicy(name, policy.toString());
        });

    operator.client.resource(share).serverSideApply();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              BucketShare stored =
                  operator
                      .client
                      .resources(BucketShare.class)
                      .inNamespace(operator.namespace())
                      .withName("raced")
                      .get();
              assertThat(Shares.ready(stored)).startsWith("True/");
              assertThat(accessPoints.statements(name)).contains(foreign).hasSizeGreaterThan(1);
            });
    assertThat(races()).isEqualTo(before + 1);
  }

  private static double races() {
    return operator
        .metrics
        .get(RaceMetrics.METER)
        .tag("resource", RaceMetrics.ACCESS_POINT_POLICY)
        .counter()
        .count();
  }
}
