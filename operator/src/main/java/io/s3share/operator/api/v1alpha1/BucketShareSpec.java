package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Desired access to one bucket for a set of consumers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.accessPoint) || !has(self.via) || self.via != 'BucketPolicy'",
    message =
        "spec.accessPoint applies only with via: AccessPoint or Auto: set via, or remove"
            + " accessPoint")
public class BucketShareSpec {

  /**
   * The extra actions a share may add to its access level. Kept as a literal because CEL rules are
   * compile-time constants; a unit test holds it equal to the policy model's allow-list.
   */
  public static final String EXTRA_ACTIONS_CEL_LIST =
      "['s3:GetObjectTagging', 's3:GetObjectVersionTagging', 's3:GetObjectAttributes',"
          + " 's3:PutObjectTagging', 's3:ListMultipartUploadParts', 's3:DeleteObjectVersion',"
          + " 's3:RestoreObject', 's3:ListBucketVersions', 's3:ListBucketMultipartUploads',"
          + " 's3:GetBucketVersioning']";

  @Required
  @ValidationRule(
      value = "self == oldSelf",
      message =
          "spec.bucket is immutable: a grant already written to the old bucket would stay"
              + " behind. To share another bucket, create a new BucketShare and delete this one")
  @JsonPropertyDescription(
      "The bucket to share and the AwsAccount that owns it. Immutable: to share another bucket,"
          + " create a new BucketShare and delete this one.")
  private BucketRef bucket;

  @Required
  @Size(min = 1, max = 50)
  @ValidationRule(
      value = "self.all(c, self.exists_one(d, d == c))",
      message = "consumers must not repeat: list each account, role or organization once")
  @JsonPropertyDescription(
      "Who receives access. Each entry is exactly one of accountId, roleArn or"
          + " organizationId; wildcards are never accepted.")
  private List<Consumer> consumers = new ArrayList<>();

  @Required
  @JsonPropertyDescription(
      "Access level: List (list keys), Read (list and get objects), Write (put objects only),"
          + " ReadWrite (read, write and delete objects). Each expands to a minimal action set.")
  private Access access;

  @Size(max = 10)
  @ValidationRule(
      value = "self.all(a, a in " + EXTRA_ACTIONS_CEL_LIST + ")",
      message =
          "actions may only name extra read/tagging/version actions from the allow-list "
              + EXTRA_ACTIONS_CEL_LIST
              + "; wildcards and permissions-management actions are never granted")
  @JsonPropertyDescription(
      "Extra S3 actions on top of the access level, from a fixed allow-list (tagging,"
          + " versions, multipart listing). s3:* and permissions-management actions are refused.")
  private List<@Size(max = 64) String> actions;

  @Size(max = 20)
  @ValidationRule(
      value = "self.all(p, self.exists_one(q, q == p))",
      message = "prefixes must not repeat")
  @ValidationRule(
      value = "self.all(p, !p.contains('*') && !p.contains('?') && !p.contains('${'))",
      message =
          "prefixes must not contain *, ? or ${: give the literal key prefix, e.g. reports/2024/")
  @ValidationRule(
      value = "self.all(p, !p.startsWith('/'))",
      message = "prefixes must not start with /: S3 keys have no leading slash, e.g. reports/")
  @ValidationRule(
      value = KeyPrefixes.NO_DOT_SEGMENTS_RULE,
      message = "prefixes" + KeyPrefixes.NO_DOT_SEGMENTS_MESSAGE)
  @JsonPropertyDescription(
      "Object-key prefixes the access is limited to, e.g. reports/. Objects outside them are"
          + " not shared, and listing is limited to them with an s3:prefix condition. Omit to"
          + " share the whole bucket.")
  private List<@Size(min = 1, max = 1024) String> prefixes;

  @Default("true")
  @JsonPropertyDescription(
      "Only allow requests made over TLS (aws:SecureTransport). Defaults to true.")
  private Boolean requireTls = true;

  @Default("Delete")
  @JsonPropertyDescription(
      "Delete (default) removes the grants when the share is deleted; Retain keeps them in the"
          + " bucket policy, handed over as unmanaged statements.")
  private DeletionPolicy deletionPolicy = DeletionPolicy.Delete;

  @Default("BucketPolicy")
  @ValidationRule(
      value = "self == oldSelf",
      message =
          "spec.via is immutable: consumers reach a share through its method's endpoint. To"
              + " change it, create a new BucketShare and delete this one")
  @JsonPropertyDescription(
      "How access is granted: BucketPolicy (statements in the bucket policy, the default),"
          + " AccessPoint (an access point of the share's own, whose policy grants the consumers)"
          + " or Auto (the bucket policy while it has room, otherwise an access point; chosen"
          + " once at the first grant and kept). Immutable.")
  private ShareVia via = ShareVia.BucketPolicy;

  @JsonPropertyDescription(
      "The access point of a share with via AccessPoint or Auto: its name and network origin.")
  private AccessPointSpec accessPoint;

  // An OffsetDateTime, so that the CRD says format: date-time and the API server refuses anything
  // else with a message naming the field and the format.
  @JsonPropertyDescription(Expiry.EXPIRES_AT_DESCRIPTION)
  private OffsetDateTime expiresAt;

  public BucketRef getBucket() {
    return bucket;
  }

  public void setBucket(BucketRef bucket) {
    this.bucket = bucket;
  }

  public List<Consumer> getConsumers() {
    return consumers;
  }

  public void setConsumers(List<Consumer> consumers) {
    this.consumers = consumers;
  }

  public Access getAccess() {
    return access;
  }

  public void setAccess(Access access) {
    this.access = access;
  }

  public List<String> getActions() {
    return actions;
  }

  public void setActions(List<String> actions) {
    this.actions = actions;
  }

  public List<String> getPrefixes() {
    return prefixes;
  }

  public void setPrefixes(List<String> prefixes) {
    this.prefixes = prefixes;
  }

  public Boolean getRequireTls() {
    return requireTls;
  }

  public void setRequireTls(Boolean requireTls) {
    this.requireTls = requireTls;
  }

  public DeletionPolicy getDeletionPolicy() {
    return deletionPolicy;
  }

  public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
    this.deletionPolicy = deletionPolicy;
  }

  public AccessPointSpec getAccessPoint() {
    return accessPoint;
  }

  public void setAccessPoint(AccessPointSpec accessPoint) {
    this.accessPoint = accessPoint;
  }

  public ShareVia getVia() {
    return via;
  }

  public void setVia(ShareVia via) {
    this.via = via;
  }

  public OffsetDateTime getExpiresAt() {
    return expiresAt;
  }

  public void setExpiresAt(OffsetDateTime expiresAt) {
    this.expiresAt = expiresAt;
  }
}
