package io.s3share.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BisectionTest {

  static final List<String> SUSPECTS = IntStream.range(0, 16).mapToObj(i -> "s" + i).toList();

  @Property
  void findsExactlyTheBadOnes(
      @ForAll @IntRange(min = 0, max = 15) int first,
      @ForAll @IntRange(min = 0, max = 15) int second) {
    Set<String> bad = Set.copyOf(List.of("s" + first, "s" + second));

    assertThat(Bisection.culprits(SUSPECTS, rejecting(bad, new AtomicInteger()))).isEqualTo(bad);
  }

  @Test
  void oneBadAmongSixteenTakesAFewTrialsNotSixteen() {
    AtomicInteger trials = new AtomicInteger();

    assertThat(Bisection.culprits(SUSPECTS, rejecting(Set.of("s11"), trials)))
        .containsExactly("s11");
    assertThat(trials.get()).isLessThanOrEqualTo(10);
  }

  @Test
  void nothingWhenTheCauseLiesOutsideTheSuspects() {
    assertThat(Bisection.culprits(SUSPECTS, included -> false)).isEmpty();
  }

  private static Predicate<Set<String>> rejecting(Set<String> bad, AtomicInteger trials) {
    return included -> {
      trials.incrementAndGet();
      Set<String> overlap = new HashSet<>(included);
      overlap.retainAll(bad);
      return overlap.isEmpty();
    };
  }
}
