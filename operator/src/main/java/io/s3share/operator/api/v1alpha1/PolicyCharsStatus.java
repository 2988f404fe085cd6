package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** How much of an IAM policy's size limit is used; IAM counts characters, not bytes. */
public class PolicyCharsStatus {

  @JsonPropertyDescription("Characters used, measured without whitespace as IAM does.")
  private Integer usedChars;

  @JsonPropertyDescription("The limit IAM enforces, in characters.")
  private Integer limitChars;

  public PolicyCharsStatus() {}

  public PolicyCharsStatus(int usedChars, int limitChars) {
    this.usedChars = usedChars;
    this.limitChars = limitChars;
  }

  public Integer getUsedChars() {
    return usedChars;
  }

  public void setUsedChars(Integer usedChars) {
    this.usedChars = usedChars;
  }

  public Integer getLimitChars() {
    return limitChars;
  }

  public void setLimitChars(Integer limitChars) {
    this.limitChars = limitChars;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PolicyCharsStatus other
        && Objects.equals(usedChars, other.usedChars)
        && Objects.equals(limitChars, other.limitChars);
  }

  @Override
  public int hashCode() {
    return Objects.hash(usedChars, limitChars);
  }
}
