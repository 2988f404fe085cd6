package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The posture the platform team wants for one bucket; absent fields leave AWS as it is. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.accessLogging) || self.accessLogging.targetBucket != self.bucket",
    message =
        "accessLogging.targetBucket must be another bucket: a bucket that logs into itself logs"
            + " its own log deliveries for ever")
public class SharedBucketSpec {

  @Required
  @Size(max = 253)
  @ValidationRule(
      value = "self.matches('^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$')",
      message = "accountRef must be the name of an AwsAccount resource")
  @ValidationRule(
      value = "self == oldSelf",
      message = "accountRef cannot change: create another SharedBucket instead")
  @JsonPropertyDescription("Name of the AwsAccount that owns the bucket.")
  private String accountRef;

  @Required
  @Size(max = 63)
  @ValidationRule(
      value = "self.matches('^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$') && !self.contains('..')",
      message =
          "bucket must be a valid S3 bucket name: 3-63 lowercase letters, digits, dots and"
              + " hyphens, starting and ending with a letter or digit")
  @ValidationRule(
      value = "self == oldSelf",
      message = "bucket cannot change: create another SharedBucket instead")
  @JsonPropertyDescription("Name of the S3 bucket whose posture this resource declares.")
  private String bucket;

  @JsonPropertyDescription(
      "The bucket's Object Ownership. BucketOwnerEnforced turns ACLs off: grants the bucket ACL"
          + " gives other accounts are first moved into bucket-policy statements, then the ACL is"
          + " reset to private. Absent: left as it is.")
  private ObjectOwnership objectOwnership;

  @Default("Report")
  @JsonPropertyDescription(
      "Require turns all four bucket-level Block Public Access settings on and keeps them on;"
          + " Report (the default) only reports them.")
  private BlockPublicAccessMode blockPublicAccess = BlockPublicAccessMode.Report;

  @JsonPropertyDescription(
      "Turns server access logging on, to this target. Absent: logging is left as it is.")
  private AccessLoggingSpec accessLogging;

  @JsonPropertyDescription(
      "Whether the operator keeps consumers' statements in the bucket's KMS key policy (Manage)"
          + " or only reports what is missing (Report). Absent: the installation's default.")
  private KeyPolicyManagement keyPolicy;

  @Default("Retain")
  @JsonPropertyDescription(
      "Retain (the default) leaves everything in AWS when this resource is deleted. Delete also"
          + " removes the bucket-policy statements it wrote: those that replaced ACL grants (their"
          + " grantees lose that access) and the log-delivery statement on the target. Neither"
          + " turns ACLs back on or changes Block Public Access or logging settings.")
  private DeletionPolicy deletionPolicy = DeletionPolicy.Retain;

  public String getAccountRef() {
    return accountRef;
  }

  public void setAccountRef(String accountRef) {
    this.accountRef = accountRef;
  }

  public String getBucket() {
    return bucket;
  }

  public void setBucket(String bucket) {
    this.bucket = bucket;
  }

  public ObjectOwnership getObjectOwnership() {
    return objectOwnership;
  }

  public void setObjectOwnership(ObjectOwnership objectOwnership) {
    this.objectOwnership = objectOwnership;
  }

  public BlockPublicAccessMode getBlockPublicAccess() {
    return blockPublicAccess;
  }

  public void setBlockPublicAccess(BlockPublicAccessMode blockPublicAccess) {
    this.blockPublicAccess = blockPublicAccess;
  }

  public AccessLoggingSpec getAccessLogging() {
    return accessLogging;
  }

  public void setAccessLogging(AccessLoggingSpec accessLogging) {
    this.accessLogging = accessLogging;
  }

  public KeyPolicyManagement getKeyPolicy() {
    return keyPolicy;
  }

  public void setKeyPolicy(KeyPolicyManagement keyPolicy) {
    this.keyPolicy = keyPolicy;
  }

  public DeletionPolicy getDeletionPolicy() {
    return deletionPolicy;
  }

  public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
    this.deletionPolicy = deletionPolicy;
  }
}
