package io.s3share.operator.posture;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3share.operator.aws.BucketLoggingPort.LogTarget;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PosturePropertiesTest {

  @Property
  void findingsAreAFunctionOfThePostureSortedAndWithoutRepeats(
      @ForAll("postures") BucketPosture posture, @ForAll("needs") ShareNeed need) {
    List<Finding> first = PostureFindings.of(posture, need);
    assertThat(PostureFindings.of(posture, need)).isEqualTo(first);
    assertThat(first).isSortedAccordingTo(Finding.ORDER).doesNotHaveDuplicates();
    assertThat(PostureStatuses.of(posture, first))
        .usingRecursiveComparison()
        .isEqualTo(PostureStatuses.of(posture, PostureFindings.of(posture, need)));
  }

  @Property
  void everyFindingSaysWhatToDo(
      @ForAll("postures") BucketPosture posture, @ForAll("needs") ShareNeed need) {
    for (Finding finding : PostureFindings.of(posture, need)) {
      assertThat(finding.reason()).matches("[A-Z][A-Za-z]+");
      assertThat(finding.message())
          .matches(
              m ->
                  m.contains("docs/")
                      || m.contains("Set ")
                      || m.contains("grant ")
                      || m.contains("Turn ")
                      || m.contains("check "),
              "names a fix or a document")
          .doesNotContainIgnoringCase("request id");
    }
  }

  @Property
  void aHardenedPostureHasNoFindingsWhateverTheShareNeeds(@ForAll("needs") ShareNeed need) {
    assertThat(PostureFindings.of(Postures.hardened(), need)).isEmpty();
  }

  @Property
  void onlySharesThatTouchObjectsGetKmsFindings(
      @ForAll("postures") BucketPosture posture, @ForAll("needs") ShareNeed need) {
    if (!need.touchesObjects()) {
      assertThat(PostureFindings.of(posture, need))
          .extracting(Finding::reason)
          .doesNotContain(
              PostureFindings.KMS_AWS_MANAGED_KEY, PostureFindings.KMS_KEY_IN_OTHER_ACCOUNT);
    }
  }

  @Provide
  Arbitrary<ShareNeed> needs() {
    return Combinators.combine(
            Arbitraries.of(true, false),
            Arbitraries.of(true, false),
            Arbitraries.of(true, false),
            Arbitraries.of("a/", "b/", "reports/2024/").list().ofMaxSize(3))
        .as(ShareNeed::new);
  }

  @Provide
  Arbitrary<BucketPosture> postures() {
    Arbitrary<Fact<Optional<String>>> ownership =
        fact(
            Arbitraries.of(
                Optional.<String>empty(),
                Optional.of("BucketOwnerEnforced"),
                Optional.of("BucketOwnerPreferred"),
                Optional.of("ObjectWriter")),
            "s3:GetBucketOwnershipControls");
    Arbitrary<PublicAccessBlock> block =
        Combinators.combine(
                Arbitraries.of(true, false),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false))
            .as(PublicAccessBlock::new);
    Arbitrary<AclGrant> grant =
        Combinators.combine(
                Arbitraries.of("", "reports/a", "reports/b"),
                Arbitraries.of("AllUsers", "AuthenticatedUsers", "c0ffee", "beef"),
                Arbitraries.of("READ", "WRITE", "FULL_CONTROL"))
            .as(AclGrant::new);
    Arbitrary<Encryption> encryption =
        Combinators.combine(
                Arbitraries.of("AES256", "aws:kms", "aws:kms:dsse"),
                Arbitraries.of(
                    Optional.<String>empty(),
                    Optional.of("alias/aws/s3"),
                    Optional.of("arn:aws:kms:eu-west-1:" + Postures.OWNER + ":key/k1"),
                    Optional.of("arn:aws:kms:eu-west-1:999988887777:key/k2")),
                Arbitraries.of(true, false))
            .as(Encryption::new);
    Arbitrary<Optional<LogTarget>> logging =
        Arbitraries.of(Optional.empty(), Optional.of(new LogTarget("logs", "x/")));
    Arbitrary<ObjectAclSample> sample =
        Combinators.combine(Arbitraries.integers().between(0, 20), grant.list().ofMaxSize(4))
            .as((n, grants) -> new ObjectAclSample(List.of("reports/"), n, 20, "", grants));
    Arbitrary<DataEvents> events =
        Arbitraries.of(new DataEvents(List.of()), new DataEvents(List.of("audit")));
    return Combinators.combine(
            ownership,
            fact(block, "s3:GetBucketPublicAccessBlock"),
            fact(block, "s3:GetAccountPublicAccessBlock"),
            fact(grant.list().ofMaxSize(4), "s3:GetBucketAcl"),
            fact(Arbitraries.of(List.<String>of(), List.of("Legacy")), "s3:GetBucketPolicy"),
            fact(encryption, "s3:GetEncryptionConfiguration"),
            fact(logging, "s3:GetBucketLogging"),
            fact(sample, "s3:GetObjectAcl"))
        .flatAs(
            (o, bb, ab, acl, cond, enc, log, s) ->
                fact(events, "cloudtrail:DescribeTrails")
                    .map(
                        ev ->
                            new BucketPosture(
                                "data", Postures.OWNER, o, bb, ab, acl, cond, enc, log, s, ev)));
  }

  private static <T> Arbitrary<Fact<T>> fact(Arbitrary<T> values, String action) {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(9, values.map(Fact::known)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(Fact.<T>unreadable(action))),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(Fact.<T>unavailable(action))));
  }
}
