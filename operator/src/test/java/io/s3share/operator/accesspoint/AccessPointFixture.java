package io.s3share.operator.accesspoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.s3share.operator.api.v1alpha1.AccessPointSpec;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.ShareVia;
import io.s3share.operator.aws.AccountClients;
import io.s3share.operator.testing.BucketPolicies;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.services.s3control.model.GetAccessPointResponse;
import software.amazon.awssdk.services.s3control.model.S3ControlException;

/** Reads access points back from moto through an account's admin clients, for assertions. */
final class AccessPointFixture {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final AccountClients admin;
  private final String accountId;

  AccessPointFixture(AccountClients admin, String accountId) {
    this.admin = admin;
    this.accountId = accountId;
  }

  /** The access point, or empty when moto has none of that name. */
  Optional<GetAccessPointResponse> find(String name) {
    try {
      return Optional.of(admin.s3Control().getAccessPoint(b -> b.accountId(accountId).name(name)));
    } catch (S3ControlException e) {
      return Optional.empty();
    }
  }

  /** The access point policy's statements; empty when it has no policy or does not exist. */
  List<ObjectNode> statements(String name) {
    try {
      String policy =
          admin.s3Control().getAccessPointPolicy(b -> b.accountId(accountId).name(name)).policy();
      JsonNode statements = JSON.readTree(policy).path("Statement");
      return StreamSupport.stream(statements.spliterator(), false)
          .map(node -> (ObjectNode) node)
          .toList();
    } catch (S3ControlException e) {
      return List.of();
    } catch (java.io.IOException e) {
      throw new AssertionError("access point policy of " + name + " is not JSON", e);
    }
  }

  Map<String, String> tags(String arn) {
    return admin
        .s3Control()
        .listTagsForResource(b -> b.accountId(accountId).resourceArn(arn))
        .tags()
        .stream()
        .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
  }

  void putPolicy(String name, String policy) {
    admin.s3Control().putAccessPointPolicy(b -> b.accountId(accountId).name(name).policy(policy));
  }

  /** Creates an access point as someone else would: no tags, a policy of its own. */
  String createForeign(String name, String bucket, String policy) {
    String arn =
        admin
            .s3Control()
            .createAccessPoint(b -> b.accountId(accountId).name(name).bucket(bucket))
            .accessPointArn();
    putPolicy(name, policy);
    return arn;
  }

  static ObjectNode parse(String json) {
    return BucketPolicies.parse(json);
  }

  static BucketShare viaAccessPoint(BucketShare share, String name) {
    share.getSpec().setVia(ShareVia.AccessPoint);
    if (name != null) {
      AccessPointSpec spec = new AccessPointSpec();
      spec.setName(name);
      share.getSpec().setAccessPoint(spec);
    }
    return share;
  }
}
