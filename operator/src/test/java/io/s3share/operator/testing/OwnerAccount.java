package io.s3share.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.s3share.operator.api.v1alpha1.AssumeRoleSpec;
import io.s3share.operator.api.v1alpha1.AwsAccount;
import io.s3share.operator.api.v1alpha1.AwsAccountSpec;
import io.s3share.operator.api.v1alpha1.EndpointsSpec;
import io.s3share.operator.aws.AccountClients;
import io.s3share.operator.aws.AwsClientFactory;
import io.s3share.operator.status.Conditions;
import io.s3share.testenv.MotoServer;
import java.time.Duration;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;

/**
 * A bucket-owning account on moto, reached the way production reaches one: an AwsAccount whose role
 * the operator assumes. Also gives the test admin clients to arrange and inspect AWS state.
 */
public final class OwnerAccount implements AutoCloseable {

  public static final String OPERATOR_ROLE = "s3-share-operator";

  public final String accountId;
  public final String name;
  private final AwsClientFactory adminFactory;
  public final AccountClients admin;

  private OwnerAccount(String name, String accountId, MotoServer moto) {
    this.name = name;
    this.accountId = accountId;
    this.adminFactory = MotoAccounts.adminFactory(accountId);
    this.admin = adminFactory.clientsFor(MotoAccounts.direct(moto, accountId));
  }

  /** Creates the operator's role in the account and an AwsAccount for it, and waits for Ready. */
  public static OwnerAccount create(
      KubernetesClient client, MotoServer moto, String name, String accountId) {
    OwnerAccount owner = new OwnerAccount(name, accountId, moto);
    owner
        .admin
        .iam()
        .createRole(
            b ->
                b.roleName(OPERATOR_ROLE)
                    .assumeRolePolicyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                            + "\"Principal\":{\"AWS\":\"arn:aws:iam::"
                            + MotoAccounts.MOTO_DEFAULT_ACCOUNT
                            + ":root\"},\"Action\":\"sts:AssumeRole\"}]}"));
    client.resource(resource(name, accountId, moto)).serverSideApply();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              AwsAccount stored = client.resources(AwsAccount.class).withName(name).get();
              assertThat(stored.getStatus()).as("status of AwsAccount %s", name).isNotNull();
              assertThat(Conditions.find(stored.getStatus().getConditions(), Conditions.READY))
                  .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
            });
    return owner;
  }

  /** The AwsAccount resource for {@code accountId} on moto, via the operator role. */
  public static AwsAccount resource(String name, String accountId, MotoServer moto) {
    AwsAccount account = new AwsAccount();
    account.setMetadata(new ObjectMetaBuilder().withName(name).build());
    AwsAccountSpec spec = new AwsAccountSpec();
    spec.setAccountId(accountId);
    spec.setRegion(MotoAccounts.REGION.id());
    AssumeRoleSpec role = new AssumeRoleSpec();
    role.setRoleArn("arn:aws:iam::" + accountId + ":role/" + OPERATOR_ROLE);
    spec.setAssumeRole(role);
    EndpointsSpec endpoints = new EndpointsSpec();
    endpoints.setUrl(moto.endpoint().toString());
    spec.setEndpoints(endpoints);
    account.setSpec(spec);
    return account;
  }

  public void createBucket(String bucket) {
    admin
        .s3()
        .createBucket(
            b ->
                b.bucket(bucket)
                    .createBucketConfiguration(
                        c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)));
  }

  @Override
  public void close() {
    admin.close();
    adminFactory.close();
  }
}
