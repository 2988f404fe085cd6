package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** What the namespaces a SharingPolicy selects may share; anything else is denied. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SharingPolicySpec {

  @Required
  @JsonPropertyDescription(
      "Label selector on namespaces. An empty selector ({}) selects every namespace.")
  private LabelSelector namespaceSelector;

  @Required
  @Size(min = 1, max = 50)
  @JsonPropertyDescription("Names of the AwsAccounts whose buckets this policy covers.")
  private List<@Size(max = 253) String> accounts;

  @Required
  @Size(min = 1, max = 50)
  @ValidationRule(
      value = "self.all(b, b.matches('^([a-z0-9]+|[*])([-.]([a-z0-9]+|[*]))*$'))",
      message =
          "buckets: names or patterns of lowercase letters, digits, hyphens and dots, where * is"
              + " a whole segment between hyphens or dots, e.g. team-a-* or logs.*.example")
  @JsonPropertyDescription(
      "Bucket names or patterns. * stands for one or more whole segments, segments being"
          + " separated by - or .: team-a-* matches team-a-data and team-a-raw-logs, not"
          + " team-ab or team-a.")
  private List<@Size(max = 63) String> buckets;

  @Size(max = 50)
  @ValidationRule(
      value = "self.all(p, !p.contains('*') && !p.startsWith('/'))",
      message = "prefixes are literal key prefixes such as reports/: no *, no leading /")
  @JsonPropertyDescription(
      "Allowed key prefixes. A share's prefix is allowed when it starts with one of them; a"
          + " share of the whole bucket (no prefixes) is allowed only when this list is absent.")
  private List<@Size(min = 1, max = 1024) String> prefixes;

  @Required
  @JsonPropertyDescription("Consumers that may be granted access.")
  private AllowedConsumers consumers;

  @Required
  @JsonPropertyDescription(
      "The highest access level allowed: List < Read < ReadWrite, and Write < ReadWrite. Write"
          + " does not cover Read, nor Read Write.")
  private Access maxAccess;

  @Required
  @Size(min = 1, max = 3)
  @JsonPropertyDescription(
      "Sharing methods allowed: BucketPolicy, AccessPoint, CrossAccountRole. A BucketShare with"
          + " via: Auto needs both BucketPolicy and AccessPoint.")
  private List<SharingMethod> methods;

  @Default("true")
  @JsonPropertyDescription(
      "CrossAccountRoles must require an ExternalId in their trust policy. Defaults to true.")
  private Boolean requireExternalId = true;

  @Default("true")
  @JsonPropertyDescription("BucketShares must keep requireTls: true. Defaults to true.")
  private Boolean requireTls = true;

  @Size(max = 32)
  @ValidationRule(value = Expiry.DURATION_RULE, message = "maxDuration " + Expiry.DURATION_MESSAGE)
  @JsonPropertyDescription(
      "The longest a grant may last (ISO 8601, e.g. P90D or PT12H): a BucketShare or"
          + " CrossAccountRole this policy covers must set spec.expiresAt, no later than now plus"
          + " this. Checked by the operator at every reconcile. Unset: no limit.")
  private String maxDuration;

  @Size(max = 32)
  @ValidationRule(value = Expiry.DURATION_RULE, message = "reviewEvery " + Expiry.DURATION_MESSAGE)
  @JsonPropertyDescription(
      "How often what this policy allows must be reviewed (ISO 8601, e.g. P90D). A resource"
          + " whose annotation s3share.io/reviewed-at (RFC 3339) is older than this, or that has"
          + " none and was created longer ago, is ReviewOverdue. Unset: no reviews.")
  private String reviewEvery;

  @Default("Report")
  @JsonPropertyDescription(
      "What an overdue review does: Report (the default) keeps the grants and says so in status;"
          + " Revoke removes them until the resource is reviewed again.")
  private ReviewOverdueAction onReviewOverdue = ReviewOverdueAction.Report;

  @Default("Manage")
  @JsonPropertyDescription(
      "Whether the operator keeps consumers' statements in the KMS key policy of the buckets"
          + " this policy covers (SSE-KMS with a customer managed key in the bucket's account):"
          + " Manage (the default) writes them; Report writes nothing and only reports, in each"
          + " share's status, the statement a consumer lacks. Report wins when several policies"
          + " cover one bucket.")
  private KeyPolicyManagement keyPolicy = KeyPolicyManagement.Manage;

  @Default("false")
  @JsonPropertyDescription(
      "Shares of the buckets this policy covers are granted only once a Ready SharedBucket"
          + " declares the bucket's posture. Defaults to false.")
  private Boolean requireSharedBucket = false;

  public LabelSelector getNamespaceSelector() {
    return namespaceSelector;
  }

  public void setNamespaceSelector(LabelSelector namespaceSelector) {
    this.namespaceSelector = namespaceSelector;
  }

  public List<String> getAccounts() {
    return accounts;
  }

  public void setAccounts(List<String> accounts) {
    this.accounts = accounts;
  }

  public List<String> getBuckets() {
    return buckets;
  }

  public void setBuckets(List<String> buckets) {
    this.buckets = buckets;
  }

  public List<String> getPrefixes() {
    return prefixes;
  }

  public void setPrefixes(List<String> prefixes) {
    this.prefixes = prefixes;
  }

  public AllowedConsumers getConsumers() {
    return consumers;
  }

  public void setConsumers(AllowedConsumers consumers) {
    this.consumers = consumers;
  }

  public Access getMaxAccess() {
    return maxAccess;
  }

  public void setMaxAccess(Access maxAccess) {
    this.maxAccess = maxAccess;
  }

  public List<SharingMethod> getMethods() {
    return methods;
  }

  public void setMethods(List<SharingMethod> methods) {
    this.methods = methods;
  }

  public Boolean getRequireExternalId() {
    return requireExternalId;
  }

  public void setRequireExternalId(Boolean requireExternalId) {
    this.requireExternalId = requireExternalId;
  }

  public Boolean getRequireTls() {
    return requireTls;
  }

  public void setRequireTls(Boolean requireTls) {
    this.requireTls = requireTls;
  }

  public String getMaxDuration() {
    return maxDuration;
  }

  public void setMaxDuration(String maxDuration) {
    this.maxDuration = maxDuration;
  }

  public String getReviewEvery() {
    return reviewEvery;
  }

  public void setReviewEvery(String reviewEvery) {
    this.reviewEvery = reviewEvery;
  }

  public ReviewOverdueAction getOnReviewOverdue() {
    return onReviewOverdue;
  }

  public void setOnReviewOverdue(ReviewOverdueAction onReviewOverdue) {
    this.onReviewOverdue = onReviewOverdue;
  }

  public KeyPolicyManagement getKeyPolicy() {
    return keyPolicy;
  }

  public void setKeyPolicy(KeyPolicyManagement keyPolicy) {
    this.keyPolicy = keyPolicy;
  }

  public Boolean getRequireSharedBucket() {
    return requireSharedBucket;
  }

  public void setRequireSharedBucket(Boolean requireSharedBucket) {
    this.requireSharedBucket = requireSharedBucket;
  }
}
