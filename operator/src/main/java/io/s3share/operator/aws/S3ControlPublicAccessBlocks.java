package io.s3share.operator.aws;

import java.util.Optional;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3control.model.S3ControlException;

/** {@link AccountPublicAccessBlockPort} over the SDK's S3 Control client. */
public final class S3ControlPublicAccessBlocks implements AccountPublicAccessBlockPort {

  private final S3ControlClient s3Control;
  private final String account;

  public S3ControlPublicAccessBlocks(S3ControlClient s3Control, String account) {
    this.s3Control = s3Control;
    this.account = account;
  }

  @Override
  public Optional<PublicAccessBlockPort.Settings> read() {
    return AwsCall.run(
        account,
        "s3:GetAccountPublicAccessBlock",
        "account " + account,
        () -> {
          try {
            PublicAccessBlockConfiguration c =
                s3Control
                    .getPublicAccessBlock(b -> b.accountId(account))
                    .publicAccessBlockConfiguration();
            return Optional.of(
                new PublicAccessBlockPort.Settings(
                    Boolean.TRUE.equals(c.blockPublicAcls()),
                    Boolean.TRUE.equals(c.ignorePublicAcls()),
                    Boolean.TRUE.equals(c.blockPublicPolicy()),
                    Boolean.TRUE.equals(c.restrictPublicBuckets())));
          } catch (S3ControlException e) {
            if (AwsCall.errorCode(e).equals("NoSuchPublicAccessBlockConfiguration")) {
              return Optional.empty();
            }
            throw e;
          }
        });
  }
}
