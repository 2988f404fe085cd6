package io.s3share.operator.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedEventSelector;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedFieldSelector;
import software.amazon.awssdk.services.cloudtrail.model.DataResource;
import software.amazon.awssdk.services.cloudtrail.model.EventSelector;
import software.amazon.awssdk.services.cloudtrail.model.GetEventSelectorsResponse;
import software.amazon.awssdk.services.cloudtrail.model.Trail;

/** {@link TrailPort} over the SDK's CloudTrail client: DescribeTrails, then GetEventSelectors. */
public final class CloudTrailTrails implements TrailPort {

  private static final String S3_OBJECT = "AWS::S3::Object";
  private static final String EVERY_BUCKET = "arn:aws:s3";

  private final CloudTrailClient cloudTrail;
  private final String account;

  public CloudTrailTrails(CloudTrailClient cloudTrail, String account) {
    this.cloudTrail = cloudTrail;
    this.account = account;
  }

  @Override
  public List<S3DataEvents> s3DataEvents() {
    List<Trail> trails =
        AwsCall.run(
            account,
            "cloudtrail:DescribeTrails",
            "account " + account,
            () -> cloudTrail.describeTrails(b -> b.includeShadowTrails(true)).trailList());
    List<S3DataEvents> all = new ArrayList<>();
    for (Trail trail : trails) {
      String id = trail.trailARN() != null ? trail.trailARN() : trail.name();
      GetEventSelectorsResponse selectors =
          AwsCall.run(
              account,
              "cloudtrail:GetEventSelectors",
              "trail " + trail.name(),
              () -> cloudTrail.getEventSelectors(b -> b.trailName(id)));
      List<String> recorded = new ArrayList<>();
      List<String> excluded = new ArrayList<>();
      for (EventSelector selector : selectors.eventSelectors()) {
        for (DataResource resource : selector.dataResources()) {
          if (S3_OBJECT.equals(resource.type())) {
            recorded.addAll(resource.values());
          }
        }
      }
      for (AdvancedEventSelector selector : selectors.advancedEventSelectors()) {
        advanced(selector, recorded, excluded);
      }
      if (!recorded.isEmpty()) {
        all.add(new S3DataEvents(trail.name(), recorded, excluded));
      }
    }
    return all;
  }

  /** An advanced selector records S3 object data events when it says so by category and type. */
  private static void advanced(
      AdvancedEventSelector selector, List<String> recorded, List<String> excluded) {
    boolean data = false;
    boolean objects = false;
    Optional<List<String>> arns = Optional.empty();
    List<String> notArns = new ArrayList<>();
    for (AdvancedFieldSelector field : selector.fieldSelectors()) {
      switch (field.field()) {
        case "eventCategory" -> data = field.equalsValue().contains("Data");
        case "resources.type" -> objects = field.equalsValue().contains(S3_OBJECT);
        case "resources.ARN" -> {
          List<String> in = new ArrayList<>(field.startsWith());
          in.addAll(field.equalsValue());
          if (!in.isEmpty()) {
            arns = Optional.of(in);
          }
          notArns.addAll(field.notStartsWith());
          notArns.addAll(field.notEquals());
        }
        default -> {}
      }
    }
    if (data && objects) {
      recorded.addAll(arns.orElse(List.of(EVERY_BUCKET)));
      excluded.addAll(notArns);
    }
  }
}
