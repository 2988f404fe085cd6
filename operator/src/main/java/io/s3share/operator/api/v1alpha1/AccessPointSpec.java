package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The access point a share with {@code via: AccessPoint} gets. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.networkOrigin == 'VPC' ? has(self.vpcId) : !has(self.vpcId)",
    message =
        "vpcId is required with networkOrigin: VPC and not allowed otherwise: set both, or"
            + " neither for an Internet access point")
public class AccessPointSpec {

  /**
   * The longest name a share may choose: AWS allows 50 characters, and the installation's prefix
   * ({@code s3s-} plus an installation id of up to 16 characters and a hyphen) takes up to 21.
   */
  public static final int MAX_NAME_LENGTH = 29;

  // The limits are CEL rules rather than maxLength and pattern, so that each refusal says why.
  @Size(max = 50)
  @ValidationRule(
      value = "size(self) > 0",
      message =
          "accessPoint.name must not be empty: leave it out for a name derived from the share")
  @ValidationRule(
      value = "size(self) <= " + MAX_NAME_LENGTH,
      message =
          "accessPoint.name may be at most 29 characters: AWS allows 50, and the prefix"
              + " s3s-<installation id>- takes up to 21")
  @ValidationRule(
      value = "!self.endsWith('-s3alias')",
      message = "accessPoint.name must not end in -s3alias: AWS reserves that suffix for aliases")
  @ValidationRule(
      value = "size(self) == 0 || self.matches('^[a-z0-9]([a-z0-9-]*[a-z0-9])?$')",
      message =
          "accessPoint.name may hold only lowercase letters, digits and hyphens, and must not"
              + " start or end with a hyphen, e.g. reports-team-a")
  @JsonPropertyDescription(
      "The access point's name after this installation's prefix (s3s-<installation id>-), at"
          + " most 29 characters: lowercase letters, digits and hyphens. Defaults to a name"
          + " derived from the share's namespace and name. Changing it replaces the access"
          + " point, and its consumers must use the new endpoint.")
  private String name;

  @Default("Internet")
  @JsonPropertyDescription(
      "Internet (default) or VPC: VPC access points only accept requests from vpcId. Changing"
          + " it replaces the access point.")
  private NetworkOrigin networkOrigin = NetworkOrigin.Internet;

  @Size(max = 21)
  @ValidationRule(
      value = "self.matches('^vpc-[0-9a-f]{8,17}$')",
      message =
          "accessPoint.vpcId must look like vpc-0123456789abcdef0: vpc- and 8 to 17 lowercase"
              + " hexadecimal digits")
  @JsonPropertyDescription("The VPC, as vpc-0123456789abcdef0, when networkOrigin is VPC.")
  private String vpcId;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public NetworkOrigin getNetworkOrigin() {
    return networkOrigin;
  }

  public void setNetworkOrigin(NetworkOrigin networkOrigin) {
    this.networkOrigin = networkOrigin;
  }

  public String getVpcId() {
    return vpcId;
  }

  public void setVpcId(String vpcId) {
    this.vpcId = vpcId;
  }
}
