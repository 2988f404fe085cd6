package io.s3share.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GranteeAndNamespaceTest {

  @Test
  void buildsAccountAndRoleGrantees() {
    assertThat(Grantee.account("111122223333").arn()).isEqualTo("arn:aws:iam::111122223333:root");
    assertThat(Grantee.role("arn:aws:iam::111122223333:role/team/reader").kind())
        .isEqualTo(Grantee.Kind.AWS_PRINCIPAL);
    assertThat(Grantee.organization("o-a1b2c3d4e5").kind()).isEqualTo(Grantee.Kind.ORGANIZATION);
  }

  @Test
  void rejectsMalformedGrantees() {
    assertThatThrownBy(() -> Grantee.account("1234")).isInstanceOf(InvalidShareException.class);
    assertThatThrownBy(() -> Grantee.role("arn:aws:iam::111122223333:root"))
        .isInstanceOf(InvalidShareException.class);
    assertThatThrownBy(() -> new Grantee.AwsPrincipal("*"))
        .isInstanceOf(InvalidShareException.class);
    assertThatThrownBy(() -> Grantee.organization("o-short"))
        .isInstanceOf(InvalidShareException.class);
    assertThatThrownBy(
            () ->
                new ShareIntent(
                    "Bad_Bucket",
                    List.of(Grantee.account("111122223333")),
                    AccessLevel.READ,
                    Set.of(),
                    List.of(),
                    true))
        .isInstanceOf(InvalidShareException.class);
    assertThatThrownBy(
            () -> new ShareIntent("data", List.of(), AccessLevel.READ, Set.of(), List.of(), true))
        .isInstanceOf(InvalidShareException.class);
  }

  @Test
  void sidsAreAlphanumericAndCarryTheInstallation() {
    SidNamespace ns = new SidNamespace("prod1");
    String sid = ns.sidFor("anything");
    assertThat(sid).matches("S3Shareprod1X[0-9a-f]{16}").matches("[A-Za-z0-9]+");
    assertThat(ns.sidFor("anything")).isEqualTo(sid);
    assertThat(ns.sidFor("something else")).isNotEqualTo(sid);
    assertThat(ns.owns(sid)).isTrue();
  }

  @Test
  void installationsNeverOwnEachOthersSids() {
    SidNamespace a = new SidNamespace("a");
    SidNamespace ax = new SidNamespace("ax");
    String sidOfA = a.sidFor("k");
    String sidOfAx = ax.sidFor("k");
    assertThat(a.owns(sidOfA)).isTrue();
    assertThat(a.owns(sidOfAx)).isFalse();
    assertThat(ax.owns(sidOfA)).isFalse();
    assertThat(ax.owns(sidOfAx)).isTrue();
  }

  @Test
  void statementsWithoutOurExactShapeAreForeign() {
    SidNamespace ns = new SidNamespace("a");
    assertThat(ns.owns(null)).isFalse();
    assertThat(ns.owns("")).isFalse();
    assertThat(ns.owns("S3ShareaX")).isFalse();
    assertThat(ns.owns("S3ShareaX0123456789ABCDEF")).isFalse();
    assertThat(ns.owns("S3ShareaX0123456789abcdef0")).isFalse();
    assertThat(ns.owns("S3ShareaX0123456789abcdef")).isTrue();
  }

  @Test
  void rejectsBadInstallationIds() {
    for (String id : List.of("", "A", "a-b", "abcdefghijklmnopq")) {
      assertThatThrownBy(() -> new SidNamespace(id))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("installation id");
    }
    assertThatThrownBy(() -> new SidNamespace(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
