package io.s3share.operator.config;

/** Whether SharingPolicies are enforced; {@code Disabled} is an explicit opt-out. */
public enum SharingPolicyMode {
  /** Deny by default: every share needs a SharingPolicy that allows all of it. */
  Enforce,
  /** Single-team clusters only: every share is allowed and SharingPolicies are not consulted. */
  Disabled;

  static SharingPolicyMode parse(String value) {
    if (value == null || value.isBlank()) {
      return Enforce;
    }
    for (SharingPolicyMode mode : values()) {
      if (mode.name().equals(value.trim())) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "S3SHARE_SHARING_POLICIES must be Enforce (the default) or Disabled, got: " + value);
  }
}
