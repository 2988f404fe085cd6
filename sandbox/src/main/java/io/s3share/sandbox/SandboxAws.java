package io.s3share.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.s3share.operator.aws.AccountClients;
import io.s3share.operator.aws.AccountSettings;
import io.s3share.operator.aws.AwsClientFactory;
import io.s3share.operator.aws.EndpointOverrides;
import io.s3share.testenv.MotoAccountHeader;
import io.s3share.testenv.MotoServer;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.Owner;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.Type;

/**
 * The emulated AWS side of the sandbox (and of the e2e tests): what a platform team would have set
 * up in the bucket owner's account before installing the operator.
 */
public final class SandboxAws implements AutoCloseable {

  /** moto's default account: what the operator's own (fake) credentials act as. */
  public static final String OPERATOR_ACCOUNT = "123456789012";

  public static final String OPERATOR_ROLE = "s3-share-operator";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String ownerAccount;
  private final AwsClientFactory factory;
  private final AccountClients admin;

  public SandboxAws(MotoServer moto, String ownerAccount, Region region) {
    this.ownerAccount = ownerAccount;
    this.factory =
        new AwsClientFactory(credentials(), List.of(new MotoAccountHeader(ownerAccount)));
    this.admin =
        factory.clientsFor(
            new AccountSettings(
                ownerAccount, region, Optional.empty(), EndpointOverrides.allAt(moto.endpoint())));
  }

  /** Fake keys: moto accepts any, and they keep the sandbox away from real AWS credentials. */
  public static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("sandbox", "sandbox"));
  }

  /** The role the operator assumes in the owner account, trusting the operator's identity. */
  public void createOperatorRole() {
    admin
        .iam()
        .createRole(
            b ->
                b.roleName(OPERATOR_ROLE)
                    .assumeRolePolicyDocument(
                        """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
                    "Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"sts:AssumeRole"}]}"""
                            .formatted(OPERATOR_ACCOUNT)));
  }

  /**
   * A bucket whose policy already holds a statement someone else wrote, so the sandbox shows that
   * the operator adds its own statements without touching others'.
   */
  public void createBucketWithForeignStatement(String bucket) {
    admin
        .s3()
        .createBucket(
            b ->
                b.bucket(bucket)
                    .createBucketConfiguration(
                        c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)));
    admin
        .s3()
        .putBucketPolicy(
            b ->
                b.bucket(bucket)
                    .policy(
                        """
                    {"Version":"2012-10-17","Statement":[{"Sid":"WrittenByTerraform",\
                    "Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},\
                    "Action":"s3:GetObject","Resource":"arn:aws:s3:::%s/public/*"}]}"""
                            .formatted(ownerAccount, bucket)));
  }

  /**
   * A bucket as many older ones are: encrypted by default with a customer managed KMS key, and
   * shared the legacy way, by an ACL grant to another account's canonical user id.
   *
   * @return the key's ARN
   */
  public String createLegacyKmsBucket(String bucket, String grantedCanonicalId) {
    createBucketWithForeignStatement(bucket);
    String keyArn =
        admin.kms().createKey(b -> b.description("default key of " + bucket)).keyMetadata().arn();
    admin
        .s3()
        .putBucketEncryption(
            b ->
                b.bucket(bucket)
                    .serverSideEncryptionConfiguration(
                        c ->
                            c.rules(
                                r ->
                                    r.bucketKeyEnabled(true)
                                        .applyServerSideEncryptionByDefault(
                                            d ->
                                                d.sseAlgorithm(ServerSideEncryption.AWS_KMS)
                                                    .kmsMasterKeyID(keyArn)))));
    Owner owner = admin.s3().getBucketAcl(b -> b.bucket(bucket)).owner();
    admin
        .s3()
        .putBucketAcl(
            b ->
                b.bucket(bucket)
                    .accessControlPolicy(
                        p ->
                            p.owner(owner)
                                .grants(
                                    grant(Type.CANONICAL_USER, owner.id(), Permission.FULL_CONTROL),
                                    grant(
                                        Type.CANONICAL_USER,
                                        grantedCanonicalId,
                                        Permission.READ))));
    return keyArn;
  }

  private static Grant grant(Type type, String id, Permission permission) {
    return Grant.builder()
        .grantee(Grantee.builder().type(type).id(id).build())
        .permission(permission)
        .build();
  }

  /** The bucket ACL's grants other than the owner's, as {@code grantee PERMISSION}. */
  public List<String> aclGrants(String bucket) {
    var acl = admin.s3().getBucketAcl(b -> b.bucket(bucket));
    return acl.grants().stream()
        .filter(g -> !acl.owner().id().equals(g.grantee().id()))
        .map(
            g ->
                (g.grantee().id() != null ? g.grantee().id() : g.grantee().uri())
                    + " "
                    + g.permissionAsString())
        .toList();
  }

  /** The bucket's policy, pretty-printed, or a note that it has none. */
  public String bucketPolicy(String bucket) {
    try {
      String policy = admin.s3().getBucketPolicy(b -> b.bucket(bucket)).policy();
      JsonNode tree = JSON.readTree(policy);
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
    } catch (S3Exception e) {
      return "(no policy: " + e.awsErrorDetails().errorCode() + ")";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    admin.close();
    factory.close();
  }
}
