package io.s3share.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3share.operator.api.v1alpha1.BucketShareSpec;
import io.s3share.operator.policy.ActionAllowList;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The CRD's CEL allow-list and the policy model's allow-list are the same set. */
class ExtraActionsRuleTest {

  @Test
  void celListMatchesThePolicyModel() {
    String list = BucketShareSpec.EXTRA_ACTIONS_CEL_LIST;
    Set<String> inCel =
        Arrays.stream(list.substring(1, list.length() - 1).split(","))
            .map(s -> s.trim().replace("'", ""))
            .collect(Collectors.toSet());
    assertThat(inCel).containsExactlyInAnyOrderElementsOf(ActionAllowList.names());
  }
}
