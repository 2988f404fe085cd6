package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The access point that carries a share, as AWS reports it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AccessPointStatus {

  @JsonPropertyDescription("The access point's full name, with this installation's prefix.")
  private String name;

  @JsonPropertyDescription("The access point ARN, as AWS returned it: use it in requests.")
  private String arn;

  @JsonPropertyDescription("The access point alias, usable wherever a bucket name is.")
  private String alias;

  @JsonPropertyDescription("Internet or VPC.")
  private NetworkOrigin networkOrigin;

  @JsonPropertyDescription("The VPC a VPC access point accepts requests from.")
  private String vpcId;

  public AccessPointStatus() {}

  public AccessPointStatus(
      String name, String arn, String alias, NetworkOrigin networkOrigin, String vpcId) {
    this.name = name;
    this.arn = arn;
    this.alias = alias;
    this.networkOrigin = networkOrigin;
    this.vpcId = vpcId;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getArn() {
    return arn;
  }

  public void setArn(String arn) {
    this.arn = arn;
  }

  public String getAlias() {
    return alias;
  }

  public void setAlias(String alias) {
    this.alias = alias;
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

  @Override
  public boolean equals(Object o) {
    return o instanceof AccessPointStatus other
        && Objects.equals(name, other.name)
        && Objects.equals(arn, other.arn)
        && Objects.equals(alias, other.alias)
        && networkOrigin == other.networkOrigin
        && Objects.equals(vpcId, other.vpcId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, arn, alias, networkOrigin, vpcId);
  }
}
