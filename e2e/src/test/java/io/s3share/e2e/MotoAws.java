package io.s3share.e2e;

import io.s3share.operator.aws.AccountClients;
import io.s3share.operator.aws.AccountSettings;
import io.s3share.operator.aws.AwsClientFactory;
import io.s3share.operator.aws.EndpointOverrides;
import io.s3share.testenv.MotoAccountHeader;
import io.s3share.testenv.MotoServer;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;

/** What a platform team sets up in the bucket owner's account (moto) before installing. */
final class MotoAws implements AutoCloseable {

  /** moto's default account: what the operator's own (fake) credentials act as. */
  static final String OPERATOR_ACCOUNT = "123456789012";

  static final String OWNER_ACCOUNT = "111111111111";
  static final Region REGION = Region.EU_WEST_1;

  private final AwsClientFactory factory;
  private final AccountClients admin;

  MotoAws(MotoServer moto) {
    this.factory =
        new AwsClientFactory(credentials(), List.of(new MotoAccountHeader(OWNER_ACCOUNT)));
    this.admin =
        factory.clientsFor(
            new AccountSettings(
                OWNER_ACCOUNT, REGION, Optional.empty(), EndpointOverrides.allAt(moto.endpoint())));
  }

  /** Fake keys: moto accepts any, and they keep the tests away from real AWS credentials. */
  static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("e2e", "e2e"));
  }

  /** The role the operator assumes in the owner account, trusting the operator's identity. */
  void createOperatorRole(String roleName) {
    admin
        .iam()
        .createRole(
            b ->
                b.roleName(roleName)
                    .assumeRolePolicyDocument(
                        """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
                    "Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"sts:AssumeRole"}]}"""
                            .formatted(OPERATOR_ACCOUNT)));
  }

  void createBucket(String bucket) {
    admin
        .s3()
        .createBucket(
            b ->
                b.bucket(bucket)
                    .createBucketConfiguration(
                        c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)));
  }

  String bucketPolicy(String bucket) {
    return admin.s3().getBucketPolicy(b -> b.bucket(bucket)).policy();
  }

  @Override
  public void close() {
    admin.close();
    factory.close();
  }
}
