package io.s3share.operator.aws;

import java.util.List;

/** The CloudTrail trails of one account, and which S3 data events each records. */
public interface TrailPort {

  /**
   * The S3 object resources a trail records data events for.
   *
   * @param name the trail's name
   * @param arnPrefixes ARN prefixes of recorded objects, e.g. {@code arn:aws:s3:::bucket/}; {@code
   *     arn:aws:s3} or {@code arn:aws:s3:::} means every bucket
   * @param excludedPrefixes ARN prefixes an advanced selector leaves out
   */
  record S3DataEvents(String name, List<String> arnPrefixes, List<String> excludedPrefixes) {
    public S3DataEvents {
      arnPrefixes = List.copyOf(arnPrefixes);
      excludedPrefixes = List.copyOf(excludedPrefixes);
    }
  }

  /** Every trail visible in the account's Region, with the S3 data events it records, if any. */
  List<S3DataEvents> s3DataEvents();
}
