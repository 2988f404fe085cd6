import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Puts the printer columns of the CRDs crd-generator wrote in kubectl's conventional order: spec
 * columns, then status columns, then Ready, its Reason, and Age last. crd-generator 7.5 sorts them
 * by JSONPath, which puts Age (.metadata) first. Run by the build after crd-generator, with the
 * generated folder as its argument; a single-file program so that it needs no compiled module.
 */
public final class OrderPrinterColumns {

  private static final String LIST = "  - additionalPrinterColumns:";
  private static final String ITEM = "    - ";
  private static final String ITEM_FIELD = "      ";

  public static void main(String[] args) throws IOException {
    try (Stream<Path> files = Files.list(Path.of(args[0]))) {
      for (Path file : files.filter(f -> f.toString().endsWith("-v1.yml")).sorted().toList()) {
        String before = Files.readString(file);
        String after = reorder(before);
        if (!after.equals(before)) {
          Files.writeString(file, after);
        }
      }
    }
  }

  static String reorder(String crd) {
    List<String> lines = crd.lines().toList();
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      out.add(lines.get(i));
      if (!lines.get(i).equals(LIST)) {
        i++;
        continue;
      }
      i++;
      List<List<String>> columns = new ArrayList<>();
      while (i < lines.size() && lines.get(i).startsWith(ITEM)) {
        List<String> column = new ArrayList<>(List.of(lines.get(i++)));
        while (i < lines.size() && lines.get(i).startsWith(ITEM_FIELD)) {
          column.add(lines.get(i++));
        }
        columns.add(column);
      }
      // A stable sort: columns of one rank keep crd-generator's order.
      columns.stream().sorted(Comparator.comparingInt(OrderPrinterColumns::rank)).forEach(out::addAll);
    }
    return String.join("\n", out) + (crd.endsWith("\n") ? "\n" : "");
  }

  private static int rank(List<String> column) {
    String text = String.join("\n", column);
    if (text.contains("name: \"Age\"")) {
      return 4;
    }
    if (text.contains("name: \"Reason\"")) {
      return 3;
    }
    if (text.contains("name: \"Ready\"")) {
      return 2;
    }
    return text.contains("jsonPath: \".spec.") ? 0 : 1;
  }
}
