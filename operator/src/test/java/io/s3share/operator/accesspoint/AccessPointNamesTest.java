package io.s3share.operator.accesspoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3share.operator.api.v1alpha1.AccessPointSpec;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.testing.Shares;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class AccessPointNamesTest {

  // The longest installation id there is: the prefix then takes its 21 characters.
  static final AccessPointNames LONGEST = new AccessPointNames("abcdefghijklmnop");

  @Test
  void aChosenNameFollowsTheInstallationPrefix() {
    BucketShare share = share("team-a", "reports");
    AccessPointSpec spec = new AccessPointSpec();
    spec.setName("reports-a");
    share.getSpec().setAccessPoint(spec);

    assertThat(new AccessPointNames("abc123").nameFor(share)).isEqualTo("s3s-abc123-reports-a");
  }

  @Test
  void theLongestChosenNameFitsAwsLimitWithTheLongestPrefix() {
    BucketShare share = share("team-a", "reports");
    AccessPointSpec spec = new AccessPointSpec();
    spec.setName("a".repeat(AccessPointSpec.MAX_NAME_LENGTH));
    share.getSpec().setAccessPoint(spec);

    assertThat(LONGEST.nameFor(share)).hasSize(50);
  }

  @Property
  void derivedNamesAreValidAccessPointNames(
      @ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 63) String namespace,
      @ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 253) String name) {
    String ns = namespace.toLowerCase();
    String n = name.toLowerCase() + ".x-y";
    String full = LONGEST.nameFor(share(ns, n));

    assertThat(full).hasSizeBetween(3, 50).matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    assertThat(full).startsWith(LONGEST.prefix()).doesNotEndWith("-s3alias");
  }

  @Test
  void truncatedNamesOfDifferentSharesStayApart() {
    String longName = "a-very-long-share-name-that-does-not-fit";
    assertThat(LONGEST.nameFor(share("team-a", longName + "-1")))
        .isNotEqualTo(LONGEST.nameFor(share("team-a", longName + "-2")));
    assertThat(LONGEST.nameFor(share("team-a", "x")))
        .isNotEqualTo(LONGEST.nameFor(share("team-b", "x")));
  }

  private static BucketShare share(String namespace, String name) {
    return Shares.share(namespace, name, "owner", "bucket", null, List.of(), List.of());
  }
}
