package io.s3share.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** One scenario's figures, ours beside the naive writer's, printed as a fixed-width table. */
final class ScenarioTable {

  /** One figure; {@code naive} is empty where the naive writer has no such thing. */
  record Row(String figure, String ours, String naive) {}

  final String title;
  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  ScenarioTable(String title) {
    this.title = title;
  }

  ScenarioTable row(String figure, Object ours, Object naive) {
    rows.add(new Row(figure, text(ours), text(naive)));
    return this;
  }

  ScenarioTable note(String line) {
    notes.add(line);
    return this;
  }

  List<Row> rows() {
    return List.copyOf(rows);
  }

  Optional<Row> find(String figure) {
    return rows.stream().filter(r -> r.figure().equals(figure)).findFirst();
  }

  String render() {
    int width = rows.stream().mapToInt(r -> r.figure().length()).max().orElse(10);
    StringBuilder out = new StringBuilder(title).append('\n');
    String format = "%-" + width + "s  %10s  %10s%n";
    out.append(String.format(format, "figure", "operator", "naive"));
    for (Row r : rows) {
      out.append(String.format(format, r.figure(), r.ours(), r.naive()));
    }
    notes.forEach(n -> out.append("  ").append(n).append('\n'));
    return out.toString();
  }

  private static String text(Object value) {
    if (value == null) {
      return "-";
    }
    if (value instanceof Double d) {
      return String.format(Locale.ROOT, "%.2f", d);
    }
    return value.toString();
  }
}
