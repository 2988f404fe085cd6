package io.s3share.operator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.s3share.operator.api.v1alpha1.RoleArns;
import io.s3share.operator.policy.Grantee;
import io.s3share.operator.policy.InvalidShareException;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Admission and the policy model accept the same role ARNs, so nothing admitted stalls later. */
class RoleArnsTest {

  static final Pattern ADMITTED = Pattern.compile(RoleArns.PATTERN);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:iam::222233334444:role/reader",
        "arn:aws-cn:iam::222233334444:role/reader",
        "arn:aws-us-gov:iam::222233334444:role/team/reader"
      })
  void bothAcceptTheValidatedPartitions(String arn) {
    assertThat(ADMITTED.matcher(arn).matches()).isTrue();
    assertThat(Grantee.role(arn).value()).isEqualTo(arn);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws-iso:iam::222233334444:role/reader",
        "arn:aws-moon:iam::222233334444:role/reader",
        "arn:awscn:iam::222233334444:role/reader",
        "arn:aws:iam::222233334444:user/alice",
        "arn:aws:iam::2222:role/reader"
      })
  void bothRefuseEverythingElse(String arn) {
    assertThat(ADMITTED.matcher(arn).matches()).isFalse();
    assertThatThrownBy(() -> Grantee.role(arn)).isInstanceOf(InvalidShareException.class);
  }
}
