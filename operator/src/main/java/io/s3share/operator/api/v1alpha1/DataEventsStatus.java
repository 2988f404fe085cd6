package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Whether CloudTrail records S3 data events for the bucket. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DataEventsStatus {

  @JsonPropertyDescription(
      "Recorded, NotRecorded or Unknown (the operator could not read the trails).")
  private String coverage;

  @JsonPropertyDescription("The trails in the owner account that record them.")
  private java.util.List<String> trails;

  public String getCoverage() {
    return coverage;
  }

  public void setCoverage(String coverage) {
    this.coverage = coverage;
  }

  public java.util.List<String> getTrails() {
    return trails;
  }

  public void setTrails(java.util.List<String> trails) {
    this.trails = trails;
  }
}
