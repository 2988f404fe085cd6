package io.s3share.operator.aws;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.GetAccessPointResponse;
import software.amazon.awssdk.services.s3control.model.S3ControlException;
import software.amazon.awssdk.services.s3control.model.Tag;

/** {@link AccessPointPort} over the SDK's S3 Control client. */
public final class S3AccessPoints implements AccessPointPort {

  private static final String NO_ACCESS_POINT = "NoSuchAccessPoint";
  private static final String NO_POLICY = "NoSuchAccessPointPolicy";

  private final S3ControlClient s3Control;
  private final String account;

  public S3AccessPoints(S3ControlClient s3Control, String account) {
    this.s3Control = s3Control;
    this.account = account;
  }

  @Override
  public String account() {
    return account;
  }

  @Override
  public Optional<AccessPoint> find(String name) {
    return AwsCall.run(
        account,
        "s3:GetAccessPoint",
        name,
        () -> {
          try {
            GetAccessPointResponse found =
                s3Control.getAccessPoint(b -> b.accountId(account).name(name));
            return Optional.of(
                new AccessPoint(
                    found.name(),
                    found.bucket(),
                    found.accessPointArn(),
                    found.alias(),
                    Optional.ofNullable(found.vpcConfiguration()).map(v -> v.vpcId())));
          } catch (S3ControlException e) {
            if (AwsCall.errorCode(e).equals(NO_ACCESS_POINT)) {
              return Optional.empty();
            }
            throw e;
          }
        });
  }

  @Override
  public AccessPoint create(
      String name, String bucket, Optional<String> vpcId, Map<String, String> tags) {
    return AwsCall.run(
        account,
        "s3:CreateAccessPoint",
        name,
        () -> {
          var created =
              s3Control.createAccessPoint(
                  b -> {
                    b.accountId(account)
                        .name(name)
                        .bucket(bucket)
                        .tags(
                            tags.entrySet().stream()
                                .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build())
                                .toList());
                    vpcId.ifPresent(id -> b.vpcConfiguration(v -> v.vpcId(id)));
                  });
          return new AccessPoint(name, bucket, created.accessPointArn(), created.alias(), vpcId);
        });
  }

  @Override
  public Map<String, String> tags(String arn) {
    return AwsCall.run(
        account,
        "s3:ListTagsForResource",
        arn,
        () ->
            s3Control
                .listTagsForResource(b -> b.accountId(account).resourceArn(arn))
                .tags()
                .stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value(), (a, b) -> b)));
  }

  @Override
  public void untag(String arn, List<String> keys) {
    AwsCall.exec(
        account,
        "s3:UntagResource",
        arn,
        () -> s3Control.untagResource(b -> b.accountId(account).resourceArn(arn).tagKeys(keys)));
  }

  @Override
  public Optional<String> policy(String name) {
    return AwsCall.run(
        account,
        "s3:GetAccessPointPolicy",
        name,
        () -> {
          try {
            return Optional.ofNullable(
                    s3Control.getAccessPointPolicy(b -> b.accountId(account).name(name)).policy())
                .filter(policy -> !policy.isBlank());
          } catch (S3ControlException e) {
            String code = AwsCall.errorCode(e);
            if (code.equals(NO_POLICY) || code.equals(NO_ACCESS_POINT)) {
              return Optional.empty();
            }
            throw e;
          }
        });
  }

  @Override
  public void putPolicy(String name, String policy) {
    AwsCall.exec(
        account,
        "s3:PutAccessPointPolicy",
        name,
        () -> s3Control.putAccessPointPolicy(b -> b.accountId(account).name(name).policy(policy)));
  }

  @Override
  public void deletePolicy(String name) {
    AwsCall.exec(
        account,
        "s3:DeleteAccessPointPolicy",
        name,
        () -> {
          try {
            s3Control.deleteAccessPointPolicy(b -> b.accountId(account).name(name));
          } catch (S3ControlException e) {
            String code = AwsCall.errorCode(e);
            if (!code.equals(NO_POLICY) && !code.equals(NO_ACCESS_POINT)) {
              throw e;
            }
          }
        });
  }

  @Override
  public void delete(String name) {
    AwsCall.exec(
        account,
        "s3:DeleteAccessPoint",
        name,
        () -> {
          try {
            s3Control.deleteAccessPoint(b -> b.accountId(account).name(name));
          } catch (S3ControlException e) {
            if (!AwsCall.errorCode(e).equals(NO_ACCESS_POINT)) {
              throw e;
            }
          }
        });
  }

  @Override
  public List<AccessPoint> listOn(String bucket, String prefix) {
    return AwsCall.run(
        account,
        "s3:ListAccessPoints",
        bucket,
        () ->
            s3Control.listAccessPointsPaginator(b -> b.accountId(account).bucket(bucket)).stream()
                .flatMap(page -> page.accessPointList().stream())
                .filter(listed -> listed.name().startsWith(prefix))
                .map(
                    listed ->
                        new AccessPoint(
                            listed.name(),
                            listed.bucket(),
                            listed.accessPointArn(),
                            listed.alias(),
                            Optional.ofNullable(listed.vpcConfiguration()).map(v -> v.vpcId())))
                .toList());
  }
}
