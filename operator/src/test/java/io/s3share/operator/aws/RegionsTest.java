package io.s3share.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Regions are checked against the SDK's own list, with a message that helps fix a typo. */
class RegionsTest {

  @Test
  void knownRegionsPassWithTheirPartition() {
    assertThat(Regions.problem("eu-west-1", "spec.allowUnknownRegion")).isEmpty();
    assertThat(Regions.partition("eu-west-1")).hasValue("aws");
    assertThat(Regions.partition("cn-north-1")).hasValue("aws-cn");
    assertThat(Regions.partition("us-gov-west-1")).hasValue("aws-us-gov");
  }

  @Test
  void anUnknownRegionNamesItsNeighboursAndTheOverride() {
    assertThat(Regions.problem("us-east-99", "spec.allowUnknownRegion"))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .contains("us-east-99")
                    .contains("us-east-1, us-east-2")
                    .contains("spec.allowUnknownRegion: true"));
    assertThat(Regions.partition("us-east-99")).isEmpty();
  }

  @Test
  void globalPseudoRegionsAreNotRegions() {
    assertThat(Regions.known("aws-global")).isFalse();
  }
}
