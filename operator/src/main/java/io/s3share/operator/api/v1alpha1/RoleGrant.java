package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** S3 access a CrossAccountRole grants on one bucket, with BucketShare's access levels. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RoleGrant {

  @Required
  @Size(max = 63)
  @ValidationRule(
      value = "self.matches('^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$') && !self.contains('..')",
      message =
          "grants[].bucket must be a valid S3 bucket name: 3-63 lowercase letters, digits, dots"
              + " and hyphens, starting and ending with a letter or digit")
  @JsonPropertyDescription("Name of an S3 bucket in the role's account.")
  private String bucket;

  @Required
  @JsonPropertyDescription(
      "Access level: List (list keys), Read (list and get objects), Write (put objects only),"
          + " ReadWrite (read, write and delete objects). Each expands to a minimal action set.")
  private Access access;

  @Size(max = 10)
  @ValidationRule(
      value = "self.all(a, a in " + BucketShareSpec.EXTRA_ACTIONS_CEL_LIST + ")",
      message =
          "grants[].actions may only name extra read/tagging/version actions from the allow-list "
              + BucketShareSpec.EXTRA_ACTIONS_CEL_LIST
              + "; wildcards and permissions-management actions are never granted")
  @JsonPropertyDescription(
      "Extra S3 actions on top of the access level, from a fixed allow-list (tagging,"
          + " versions, multipart listing). s3:* and permissions-management actions are refused.")
  private List<@Size(max = 64) String> actions;

  @Size(max = 20)
  @ValidationRule(
      value = "self.all(p, self.exists_one(q, q == p))",
      message = "grants[].prefixes must not repeat")
  @ValidationRule(
      value = "self.all(p, !p.contains('*') && !p.contains('?') && !p.contains('${'))",
      message =
          "grants[].prefixes must not contain *, ? or ${: give the literal key prefix, e.g."
              + " reports/2024/")
  @ValidationRule(
      value = "self.all(p, !p.startsWith('/'))",
      message =
          "grants[].prefixes must not start with /: S3 keys have no leading slash, e.g. reports/")
  @ValidationRule(
      value = KeyPrefixes.NO_DOT_SEGMENTS_RULE,
      message = "grants[].prefixes" + KeyPrefixes.NO_DOT_SEGMENTS_MESSAGE)
  @JsonPropertyDescription(
      "Object-key prefixes the access is limited to, e.g. reports/; listing is limited to them"
          + " with an s3:prefix condition. Omit to grant the whole bucket.")
  private List<@Size(min = 1, max = 1024) String> prefixes;

  public static RoleGrant of(String bucket, Access access, List<String> prefixes) {
    RoleGrant grant = new RoleGrant();
    grant.setBucket(bucket);
    grant.setAccess(access);
    grant.setPrefixes(prefixes == null || prefixes.isEmpty() ? null : prefixes);
    return grant;
  }

  public String getBucket() {
    return bucket;
  }

  public void setBucket(String bucket) {
    this.bucket = bucket;
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
}
