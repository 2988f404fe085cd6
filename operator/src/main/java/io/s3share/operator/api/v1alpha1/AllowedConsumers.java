package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** The consumers a SharingPolicy allows: account ids and AWS Organization ids. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AllowedConsumers {

  @Size(max = 200)
  @ValidationRule(
      value = "self.all(a, a.matches('^[0-9]{12}$'))",
      message = "consumers.accountIds must be 12-digit account ids, e.g. 222233334444")
  @JsonPropertyDescription(
      "Account ids that may be granted; a role ARN is allowed when its account id is listed.")
  private List<@Size(max = 12) String> accountIds;

  @Size(max = 50)
  @ValidationRule(
      value = "self.all(o, o.matches('^o-[a-z0-9]{10,32}$'))",
      message = "consumers.organizationIds must look like o-abcd123456")
  @JsonPropertyDescription(
      "AWS Organization ids that may be granted as organizationId consumers. Listing an"
          + " organization does not allow its accounts one by one.")
  private List<@Size(max = 34) String> organizationIds;

  public List<String> getAccountIds() {
    return accountIds;
  }

  public void setAccountIds(List<String> accountIds) {
    this.accountIds = accountIds;
  }

  public List<String> getOrganizationIds() {
    return organizationIds;
  }

  public void setOrganizationIds(List<String> organizationIds) {
    this.organizationIds = organizationIds;
  }
}
