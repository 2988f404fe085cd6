package io.s3share.operator.aws;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

/** The Regions this AWS SDK knows, with their partitions: a typo must not pass for a Region. */
public final class Regions {

  private static final Set<String> KNOWN =
      Region.regions().stream()
          .filter(region -> !region.isGlobalRegion())
          .map(Region::id)
          .collect(Collectors.toUnmodifiableSet());

  private Regions() {}

  public static boolean known(String region) {
    return KNOWN.contains(region);
  }

  /** The partition of a known Region, e.g. {@code aws-cn} for {@code cn-north-1}. */
  public static Optional<String> partition(String region) {
    if (!known(region)) {
      return Optional.empty();
    }
    return Optional.ofNullable(RegionMetadata.of(Region.of(region)))
        .map(metadata -> metadata.partition().id());
  }

  /** Why {@code region} is refused, naming similar Regions and the override; empty when known. */
  public static Optional<String> problem(String region, String overrideField) {
    if (known(region)) {
      return Optional.empty();
    }
    List<String> similar = similarTo(region);
    return Optional.of(
        "Region "
            + region
            + " is not a Region this operator's AWS SDK knows"
            + (similar.isEmpty() ? "" : " (did you mean " + String.join(", ", similar) + "?)")
            + ". Fix spec.region, or, for a Region newer than the operator, set "
            + overrideField
            + ": true.");
  }

  /** Known Regions that differ only in the number, or failing that share the area prefix. */
  static List<String> similarTo(String region) {
    int dash = region.lastIndexOf('-');
    String stem = dash < 0 ? region : region.substring(0, dash + 1);
    List<String> sameStem = KNOWN.stream().filter(r -> r.startsWith(stem)).sorted().toList();
    if (!sameStem.isEmpty()) {
      return sameStem;
    }
    String area = region.length() < 3 ? region : region.substring(0, 3);
    return KNOWN.stream().filter(r -> r.startsWith(area)).sorted().limit(8).toList();
  }
}
