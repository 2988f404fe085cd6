package io.s3share.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AwsChangeLogTest {

  @Test
  void aFewCausesAreAllNamedInOrder() {
    assertThat(AwsChangeLog.causes(List.of("b/two", "a/one"))).isEqualTo("a/one, b/two");
    assertThat(AwsChangeLog.causes(List.of())).isEqualTo("no current resource");
  }

  @Test
  void hundredsOfCausesNameTheFirstTenAndCountTheRest() {
    List<String> many =
        IntStream.range(0, 250).mapToObj(i -> String.format("team/share-%03d", i)).toList();

    String causes = AwsChangeLog.causes(many);

    assertThat(causes)
        .startsWith("team/share-000, team/share-001,")
        .contains("team/share-009")
        .doesNotContain("team/share-010")
        .endsWith(" +240 more");
  }
}
