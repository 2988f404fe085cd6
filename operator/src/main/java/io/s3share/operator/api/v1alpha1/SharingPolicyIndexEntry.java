package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * One SharingPolicy in the form CEL checks cheaply: bucket patterns as anchored regular expressions
 * and maxAccess expanded to the access levels it covers.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SharingPolicyIndexEntry {

  @JsonPropertyDescription("The SharingPolicy's name.")
  private String policy;

  private List<String> accounts;

  @JsonPropertyDescription("Anchored regular expressions, one per bucket name or pattern.")
  private List<String> bucketRegexes;

  @JsonPropertyDescription("Allowed prefixes; empty means no prefix restriction.")
  private List<String> prefixes;

  private List<String> consumerAccounts;
  private List<String> consumerOrganizations;

  @JsonPropertyDescription("The access levels maxAccess covers.")
  private List<String> accesses;

  private List<String> methods;
  private boolean requireExternalId;
  private boolean requireTls;

  @JsonPropertyDescription(
      "The policy's maxDuration in words (e.g. 30d), when it sets one: admission can only require"
          + " an expiresAt, as CEL has no clock; the operator checks how far ahead it is.")
  private String maxDuration;

  public String getPolicy() {
    return policy;
  }

  public void setPolicy(String policy) {
    this.policy = policy;
  }

  public List<String> getAccounts() {
    return accounts;
  }

  public void setAccounts(List<String> accounts) {
    this.accounts = accounts;
  }

  public List<String> getBucketRegexes() {
    return bucketRegexes;
  }

  public void setBucketRegexes(List<String> bucketRegexes) {
    this.bucketRegexes = bucketRegexes;
  }

  public List<String> getPrefixes() {
    return prefixes;
  }

  public void setPrefixes(List<String> prefixes) {
    this.prefixes = prefixes;
  }

  public List<String> getConsumerAccounts() {
    return consumerAccounts;
  }

  public void setConsumerAccounts(List<String> consumerAccounts) {
    this.consumerAccounts = consumerAccounts;
  }

  public List<String> getConsumerOrganizations() {
    return consumerOrganizations;
  }

  public void setConsumerOrganizations(List<String> consumerOrganizations) {
    this.consumerOrganizations = consumerOrganizations;
  }

  public List<String> getAccesses() {
    return accesses;
  }

  public void setAccesses(List<String> accesses) {
    this.accesses = accesses;
  }

  public List<String> getMethods() {
    return methods;
  }

  public void setMethods(List<String> methods) {
    this.methods = methods;
  }

  public boolean isRequireExternalId() {
    return requireExternalId;
  }

  public void setRequireExternalId(boolean requireExternalId) {
    this.requireExternalId = requireExternalId;
  }

  public boolean isRequireTls() {
    return requireTls;
  }

  public void setRequireTls(boolean requireTls) {
    this.requireTls = requireTls;
  }

  public String getMaxDuration() {
    return maxDuration;
  }

  public void setMaxDuration(String maxDuration) {
    this.maxDuration = maxDuration;
  }
}
