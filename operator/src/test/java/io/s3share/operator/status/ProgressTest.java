package io.s3share.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.BucketShareStatus;
import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  void pendingUntilStatusReportsTheCurrentGeneration() {
    BucketShare share = new BucketShare();
    share.setMetadata(new ObjectMetaBuilder().withName("s").withGeneration(3L).build());
    assertThat(Progress.pending(share, null)).as("no status yet").isTrue();

    BucketShareStatus status = new BucketShareStatus();
    assertThat(Progress.pending(share, status)).as("no observedGeneration").isTrue();
    status.setObservedGeneration(2L);
    assertThat(Progress.pending(share, status)).as("an older generation").isTrue();
    status.setObservedGeneration(3L);
    assertThat(Progress.pending(share, status)).as("this generation").isFalse();
  }

  @Test
  void outcomeIsReconcilingWithItsReasonAndTheGeneration() {
    BucketShare share = new BucketShare();
    share.setMetadata(new ObjectMetaBuilder().withName("s").withGeneration(7L).build());
    Outcome outcome = Progress.outcome(share);
    assertThat(outcome.state()).isEqualTo(Outcome.State.RECONCILING);
    assertThat(outcome.reason()).isEqualTo("Progressing");
    assertThat(outcome.message()).contains("generation 7");
  }
}
