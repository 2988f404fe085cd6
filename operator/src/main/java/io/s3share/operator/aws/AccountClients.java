package io.s3share.operator.aws;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.sts.StsClient;

/** The SDK clients that act in one account; closing it closes them all. */
public final class AccountClients implements AutoCloseable {

  private final String accountId;
  private final S3Client s3;
  private final S3ControlClient s3Control;
  private final IamClient iam;
  private final StsClient sts;
  private final KmsClient kms;
  private final CloudTrailClient cloudTrail;
  private final List<AutoCloseable> alsoClose;

  AccountClients(
      String accountId,
      S3Client s3,
      S3ControlClient s3Control,
      IamClient iam,
      StsClient sts,
      KmsClient kms,
      CloudTrailClient cloudTrail,
      List<AutoCloseable> alsoClose) {
    this.accountId = accountId;
    this.s3 = s3;
    this.s3Control = s3Control;
    this.iam = iam;
    this.sts = sts;
    this.kms = kms;
    this.cloudTrail = cloudTrail;
    this.alsoClose = List.copyOf(alsoClose);
  }

  public String accountId() {
    return accountId;
  }

  public S3Client s3() {
    return s3;
  }

  public S3ControlClient s3Control() {
    return s3Control;
  }

  public IamClient iam() {
    return iam;
  }

  public StsClient sts() {
    return sts;
  }

  public KmsClient kms() {
    return kms;
  }

  public CloudTrailClient cloudTrail() {
    return cloudTrail;
  }

  @Override
  public void close() {
    List<AutoCloseable> all = new ArrayList<>(List.of(s3, s3Control, iam, sts, kms, cloudTrail));
    all.addAll(alsoClose);
    RuntimeException failure = null;
    for (AutoCloseable closeable : all) {
      try {
        closeable.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("closing AWS clients of " + accountId, e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
