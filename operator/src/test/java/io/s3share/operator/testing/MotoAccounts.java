package io.s3share.operator.testing;

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

/** Settings and factories for reaching moto's accounts from tests. */
public final class MotoAccounts {

  /** moto's own default account: what base credentials act as when nothing pins an account. */
  public static final String MOTO_DEFAULT_ACCOUNT = "123456789012";

  public static final Region REGION = Region.EU_WEST_1;

  private MotoAccounts() {}

  /** Static fake credentials: moto accepts any, and they keep tests off the default chain. */
  public static StaticCredentialsProvider fakeCredentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
  }

  /** A factory whose every request acts in {@code accountId}: for set-up and inspection. */
  public static AwsClientFactory adminFactory(String accountId) {
    return new AwsClientFactory(fakeCredentials(), List.of(new MotoAccountHeader(accountId)));
  }

  /** Settings that reach {@code accountId} on moto with the base credentials, no role. */
  public static AccountSettings direct(MotoServer moto, String accountId) {
    return new AccountSettings(
        accountId, REGION, Optional.empty(), EndpointOverrides.allAt(moto.endpoint()));
  }

  /** Settings that reach {@code accountId} on moto by assuming {@code roleName} there. */
  public static AccountSettings viaRole(MotoServer moto, String accountId, String roleName) {
    var role =
        new AccountSettings.AssumeRole(
            "arn:aws:iam::" + accountId + ":role/" + roleName,
            Optional.empty(),
            AccountSettings.DEFAULT_SESSION_NAME);
    return new AccountSettings(
        accountId, REGION, Optional.of(role), EndpointOverrides.allAt(moto.endpoint()));
  }
}
