package io.s3share.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActionAllowListTest {

  @Test
  void neverAllowsWildcardsPermissionsManagementOrIam() {
    assertThat(ActionAllowList.names())
        .isNotEmpty()
        .allSatisfy(
            name -> {
              assertThat(name).startsWith("s3:").doesNotContain("*", "?");
              assertThat(name.toLowerCase()).doesNotContain("acl", "policy");
            })
        .doesNotContain("s3:PutBucketPolicy", "s3:DeleteBucketPolicy", "s3:PutBucketAcl");
  }

  @Test
  void tellsBucketFromObjectActions() {
    assertThat(ActionAllowList.scopeOf("s3:ListBucketVersions")).contains(ActionScope.BUCKET);
    assertThat(ActionAllowList.scopeOf("s3:GetObjectTagging")).contains(ActionScope.OBJECT);
    assertThat(ActionAllowList.scopeOf("s3:GetObjectAcl")).isEmpty();
    // The CRD's CEL rule uses exact strings, so lookups are case-sensitive.
    assertThat(ActionAllowList.isAllowed("s3:getobjecttagging")).isFalse();
  }

  @Test
  void accessLevelsAreTheMinimalSets() {
    assertThat(AccessLevel.LIST.objectActions()).isEmpty();
    assertThat(AccessLevel.WRITE.bucketActions()).isEmpty();
    assertThat(AccessLevel.WRITE.objectActions())
        .containsExactly("s3:AbortMultipartUpload", "s3:PutObject");
    assertThat(AccessLevel.READ_WRITE.objectActions())
        .containsAll(AccessLevel.READ.objectActions())
        .containsAll(AccessLevel.WRITE.objectActions())
        .contains("s3:DeleteObject");
  }
}
