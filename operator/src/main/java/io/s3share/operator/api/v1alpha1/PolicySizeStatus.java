package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** How much of a policy's size limit is used. */
public class PolicySizeStatus {

  @JsonPropertyDescription("Bytes used, measured without whitespace as AWS does.")
  private Integer usedBytes;

  @JsonPropertyDescription("The limit AWS enforces, in bytes.")
  private Integer limitBytes;

  public PolicySizeStatus() {}

  public PolicySizeStatus(int usedBytes, int limitBytes) {
    this.usedBytes = usedBytes;
    this.limitBytes = limitBytes;
  }

  public Integer getUsedBytes() {
    return usedBytes;
  }

  public void setUsedBytes(Integer usedBytes) {
    this.usedBytes = usedBytes;
  }

  public Integer getLimitBytes() {
    return limitBytes;
  }

  public void setLimitBytes(Integer limitBytes) {
    this.limitBytes = limitBytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PolicySizeStatus other
        && Objects.equals(usedBytes, other.usedBytes)
        && Objects.equals(limitBytes, other.limitBytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(usedBytes, limitBytes);
  }
}
