package io.s3share.operator.posture;

import java.util.ArrayList;
import java.util.List;

/** The four Block Public Access settings of a bucket or an account; absent settings are off. */
public record PublicAccessBlock(
    boolean blockPublicAcls,
    boolean ignorePublicAcls,
    boolean blockPublicPolicy,
    boolean restrictPublicBuckets) {

  /** No settings at all: nothing is blocked. */
  public static final PublicAccessBlock OFF = new PublicAccessBlock(false, false, false, false);

  /** All four on. */
  public static final PublicAccessBlock ALL_ON = new PublicAccessBlock(true, true, true, true);

  /** The names of the settings that are off, in AWS's order. */
  public List<String> off() {
    List<String> off = new ArrayList<>();
    if (!blockPublicAcls) {
      off.add("BlockPublicAcls");
    }
    if (!ignorePublicAcls) {
      off.add("IgnorePublicAcls");
    }
    if (!blockPublicPolicy) {
      off.add("BlockPublicPolicy");
    }
    if (!restrictPublicBuckets) {
      off.add("RestrictPublicBuckets");
    }
    return off;
  }
}
