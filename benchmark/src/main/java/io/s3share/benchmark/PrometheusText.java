package io.s3share.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a Prometheus text endpoint (the operator's and the kube-apiserver's {@code
 * /metrics}): samples by name and labels, summed as the figures need them.
 */
final class PrometheusText {

  /** One sample line: {@code name{label="value",...} 12.0}. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private static final Pattern LINE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final List<Sample> samples;

  private PrometheusText(List<Sample> samples) {
    this.samples = List.copyOf(samples);
  }

  static PrometheusText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      Matcher m = LINE.matcher(line.trim());
      if (line.startsWith("#") || !m.matches()) {
        continue;
      }
      Map<String, String> labels = new TreeMap<>();
      if (m.group(2) != null) {
        Matcher l = LABEL.matcher(m.group(2));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      try {
        samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
      } catch (NumberFormatException ignored) {
        // NaN and +Inf parse; anything else is not a sample worth counting
      }
    }
    return new PrometheusText(samples);
  }

  /** The sum of every sample named {@code name} whose labels include all of {@code match}. */
  double sum(String name, Map<String, String> match) {
    return samples.stream()
        .filter(s -> s.name().equals(name))
        .filter(s -> s.labels().entrySet().containsAll(match.entrySet()))
        .mapToDouble(Sample::value)
        .sum();
  }

  /** The sum of every sample whose name starts with {@code prefix}: gauges named per controller. */
  double sumStartingWith(String prefix) {
    return samples.stream()
        .filter(s -> s.name().startsWith(prefix))
        .mapToDouble(Sample::value)
        .sum();
  }

  /** The samples named {@code name}, summed by a key made from their labels. */
  Map<String, Double> sumBy(String name, Function<Map<String, String>, String> key) {
    Map<String, Double> sums = new TreeMap<>();
    samples.stream()
        .filter(s -> s.name().equals(name))
        .forEach(s -> sums.merge(key.apply(s.labels()), s.value(), Double::sum));
    return sums;
  }

  /**
   * What each key of {@code after} grew by since {@code before}; keys that did not grow left out.
   */
  static Map<String, Double> growth(Map<String, Double> before, Map<String, Double> after) {
    Map<String, Double> grown = new TreeMap<>();
    after.forEach(
        (k, v) -> {
          double d = v - before.getOrDefault(k, 0.0);
          if (d > 0) {
            grown.put(k, d);
          }
        });
    return grown;
  }
}
