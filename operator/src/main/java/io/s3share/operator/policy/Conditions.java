package io.s3share.operator.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Canonical, immutable IAM condition block: operator, then key, then sorted values. */
public record Conditions(SortedMap<String, SortedMap<String, SortedSet<String>>> entries) {

  public static final String BOOL = "Bool";
  public static final String STRING_EQUALS = "StringEquals";
  public static final String STRING_LIKE = "StringLike";

  private static final Conditions NONE = new Conditions(new TreeMap<>());

  public Conditions {
    Objects.requireNonNull(entries, "entries");
    SortedMap<String, SortedMap<String, SortedSet<String>>> copy = new TreeMap<>();
    entries.forEach(
        (operator, keys) -> {
          SortedMap<String, SortedSet<String>> keyCopy = new TreeMap<>();
          keys.forEach(
              (key, values) -> {
                // A condition with no values can never match; it is a bug, not a policy.
                if (values.isEmpty()) {
                  throw new IllegalArgumentException("no values for " + operator + " " + key);
                }
                keyCopy.put(key, Sorted.copyOf(values));
              });
          if (!keyCopy.isEmpty()) {
            copy.put(operator, Collections.unmodifiableSortedMap(keyCopy));
          }
        });
    entries = Collections.unmodifiableSortedMap(copy);
  }

  public static Conditions none() {
    return NONE;
  }

  public static Conditions of(String operator, String key, Collection<String> values) {
    return NONE.with(operator, key, values);
  }

  /** A copy with {@code values} added to (operator, key). */
  public Conditions with(String operator, String key, Collection<String> values) {
    SortedMap<String, SortedMap<String, SortedSet<String>>> copy = mutableCopy();
    copy.computeIfAbsent(operator, o -> new TreeMap<>())
        .computeIfAbsent(key, k -> new TreeSet<>())
        .addAll(values);
    return new Conditions(copy);
  }

  /** A copy with everything from {@code other} added. */
  public Conditions with(Conditions other) {
    Conditions result = this;
    for (var op : other.entries.entrySet()) {
      for (var key : op.getValue().entrySet()) {
        result = result.with(op.getKey(), key.getKey(), key.getValue());
      }
    }
    return result;
  }

  /** A copy without (operator, key). */
  public Conditions without(String operator, String key) {
    SortedMap<String, SortedMap<String, SortedSet<String>>> copy = mutableCopy();
    Optional.ofNullable(copy.get(operator)).ifPresent(keys -> keys.remove(key));
    return new Conditions(copy);
  }

  public Optional<SortedSet<String>> values(String operator, String key) {
    return Optional.ofNullable(entries.get(operator)).map(keys -> keys.get(key));
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The IAM {@code Condition} element, values always as arrays. */
  public ObjectNode toJson() {
    ObjectNode node = PolicyJson.MAPPER.createObjectNode();
    entries.forEach(
        (operator, keys) -> {
          ObjectNode keyNode = node.putObject(operator);
          keys.forEach((key, values) -> keyNode.set(key, PolicyJson.array(values)));
        });
    return node;
  }

  private SortedMap<String, SortedMap<String, SortedSet<String>>> mutableCopy() {
    SortedMap<String, SortedMap<String, SortedSet<String>>> copy = new TreeMap<>();
    for (Map.Entry<String, SortedMap<String, SortedSet<String>>> op : entries.entrySet()) {
      SortedMap<String, SortedSet<String>> keys = new TreeMap<>();
      op.getValue().forEach((key, values) -> keys.put(key, new TreeSet<>(values)));
      copy.put(op.getKey(), keys);
    }
    return copy;
  }
}
