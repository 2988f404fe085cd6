package io.s3share.operator.policy;

import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/** Immutable sorted-set copies, so that records compare and serialize deterministically. */
final class Sorted {

  private Sorted() {}

  static <T extends Comparable<? super T>> SortedSet<T> copyOf(Collection<? extends T> values) {
    return Collections.unmodifiableSortedSet(new TreeSet<>(values));
  }
}
