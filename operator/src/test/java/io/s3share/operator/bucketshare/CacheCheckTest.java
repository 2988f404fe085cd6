package io.s3share.operator.bucketshare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.kube.IncompleteCacheException;
import io.s3share.operator.testing.Shares;
import java.util.List;
import org.junit.jupiter.api.Test;

class CacheCheckTest {

  static final BucketShare SELF = share("self");
  static final BucketShare OTHER = share("other");

  @Test
  void aViewHoldingTheShareIsPlanned() {
    assertThat(CacheCheck.including(SELF, false, List.of(OTHER, SELF))).hasSize(2);
  }

  @Test
  void aViewWithoutTheShareIsRefusedSoThatNothingIsRemoved() {
    // As while the operator stops: an emptied cache would plan a policy without any grant.
    assertThatThrownBy(() -> CacheCheck.including(SELF, false, List.of()))
        .isInstanceOf(IncompleteCacheException.class)
        .hasMessageContaining("nothing written");
    assertThatThrownBy(() -> CacheCheck.including(SELF, false, List.of(OTHER)))
        .isInstanceOf(IncompleteCacheException.class);
  }

  @Test
  void aShareBeingDeletedNeedNotBeInTheView() {
    assertThat(CacheCheck.including(SELF, true, List.of(OTHER))).containsExactly(OTHER);
  }

  private static BucketShare share(String name) {
    return Shares.share(
        "team",
        name,
        "owner",
        "data",
        Access.Read,
        List.of(Consumer.account("111122223333")),
        List.of());
  }
}
