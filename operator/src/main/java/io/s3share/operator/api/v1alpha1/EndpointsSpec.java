package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** Endpoint overrides per AWS service; {@code url} applies to every service not named. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EndpointsSpec {

  private static final String URL = "^https?://[^\\s/]+(/.*)?$";

  @Pattern(URL)
  @JsonPropertyDescription("One endpoint for every service, e.g. http://127.0.0.1:5000 for moto.")
  private String url;

  @Pattern(URL)
  @JsonPropertyDescription("S3 endpoint; requests use path-style addressing when set.")
  private String s3;

  @Pattern(URL)
  @JsonPropertyDescription("S3 Control endpoint, used for access points.")
  private String s3Control;

  @Pattern(URL)
  @JsonPropertyDescription("IAM endpoint.")
  private String iam;

  @Pattern(URL)
  @JsonPropertyDescription("STS endpoint.")
  private String sts;

  @Pattern(URL)
  @JsonPropertyDescription("KMS endpoint.")
  private String kms;

  @Pattern(URL)
  @JsonPropertyDescription(
      "CloudTrail endpoint, used to report whether S3 data events are recorded.")
  private String cloudTrail;

  public String getCloudTrail() {
    return cloudTrail;
  }

  public void setCloudTrail(String cloudTrail) {
    this.cloudTrail = cloudTrail;
  }

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public String getS3() {
    return s3;
  }

  public void setS3(String s3) {
    this.s3 = s3;
  }

  public String getS3Control() {
    return s3Control;
  }

  public void setS3Control(String s3Control) {
    this.s3Control = s3Control;
  }

  public String getIam() {
    return iam;
  }

  public void setIam(String iam) {
    this.iam = iam;
  }

  public String getSts() {
    return sts;
  }

  public void setSts(String sts) {
    this.sts = sts;
  }

  public String getKms() {
    return kms;
  }

  public void setKms(String kms) {
    this.kms = kms;
  }
}
