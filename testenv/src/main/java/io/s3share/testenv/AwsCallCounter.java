package io.s3share.testenv;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Counts AWS calls by operation name, e.g. {@code PutBucketPolicy}, for tests and benchmarks. */
public final class AwsCallCounter implements ExecutionInterceptor {

  private static final String[] MUTATING = {
    "Put", "Delete", "Create", "Update", "Tag", "Untag", "Attach", "Detach"
  };

  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    calls.computeIfAbsent(operation, key -> new AtomicInteger()).incrementAndGet();
  }

  public int count(String operation) {
    AtomicInteger count = calls.get(operation);
    return count == null ? 0 : count.get();
  }

  /** Every operation counted since the last reset, by name in alphabetical order. */
  public SortedMap<String, Integer> counts() {
    SortedMap<String, Integer> counts = new TreeMap<>();
    calls.forEach((operation, count) -> counts.put(operation, count.get()));
    return counts;
  }

  /** Whether the operation changes AWS state, judged by its verb. */
  public static boolean isMutating(String operation) {
    for (String verb : MUTATING) {
      if (operation.startsWith(verb)) {
        return true;
      }
    }
    return false;
  }

  /** All calls counted since the last reset. */
  public int total() {
    return calls.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** Calls that change AWS state. */
  public int mutating() {
    return calls.entrySet().stream()
        .filter(entry -> isMutating(entry.getKey()))
        .mapToInt(entry -> entry.getValue().get())
        .sum();
  }

  public void reset() {
    calls.clear();
  }
}
