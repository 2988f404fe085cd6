package io.s3share.operator.api.v1alpha1;

/** Descriptions and CRD validation shared by the fields that limit access in time. */
final class Expiry {

  static final String EXPIRES_AT_DESCRIPTION =
      "When the access ends (RFC 3339, e.g. 2030-01-31T18:00:00Z). From then on the grants are"
          + " removed from AWS and the resource reports Ready=False, reason Expired; it is not"
          + " deleted. Set a later time to restore the grants. Unset: no expiry, unless a"
          + " SharingPolicy's maxDuration requires one.";

  /** ISO 8601 durations in days, hours, minutes and seconds, such as P30D, PT12H or P1DT30M. */
  static final String DURATION_RULE =
      "self.matches('^P(?:[0-9]+D)?(?:T(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+S)?)?$')"
          + " && self != 'P' && !self.endsWith('T')";

  static final String DURATION_MESSAGE =
      "must be an ISO 8601 duration in days, hours, minutes and seconds, such as P90D, PT12H or"
          + " P1DT30M (no years, months or weeks)";

  private Expiry() {}
}
