package io.s3share.operator.posture;

import io.s3share.operator.aws.BucketLoggingPort.LogTarget;
import java.util.List;
import java.util.Optional;

/** Postures for tests: a fully hardened bucket, changed one setting at a time. */
final class Postures {

  static final String OWNER = "111122223333";

  private Postures() {}

  static BucketPosture hardened() {
    return new BucketPosture(
        "data",
        OWNER,
        Fact.known(Optional.of(BucketPosture.ENFORCED)),
        Fact.known(PublicAccessBlock.ALL_ON),
        Fact.known(PublicAccessBlock.ALL_ON),
        Fact.known(List.of()),
        Fact.known(List.of()),
        Fact.known(
            new Encryption(
                "aws:kms", Optional.of("arn:aws:kms:eu-west-1:" + OWNER + ":key/k1"), true)),
        Fact.known(Optional.of(new LogTarget("logs", "data/"))),
        Fact.known(ObjectAclSample.skipped(List.of("reports/"), 20, "ACLs are disabled")),
        Fact.known(new DataEvents(List.of("audit"))));
  }

  static ShareNeed readWrite() {
    return new ShareNeed(true, true, true, List.of("reports/"));
  }

  static ShareNeed listOnly() {
    return new ShareNeed(false, false, true, List.of());
  }
}
