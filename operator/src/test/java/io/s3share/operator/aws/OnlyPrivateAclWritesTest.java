package io.s3share.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The operator never grants by ACL: the only ACL write in its code is {@link
 * S3BucketAcls#makePrivate}, with the canned ACL {@code private}.
 */
class OnlyPrivateAclWritesTest {

  /** SDK calls and builder methods that write or carry an ACL. */
  static final Pattern ACL_WRITE =
      Pattern.compile(
          "putBucketAcl|putObjectAcl|accessControlPolicy\\(|grantFullControl|grantRead|grantWrite"
              + "|ObjectCannedACL|BucketCannedACL\\.|\\.acl\\(");

  @Test
  void theOnlyAclWriteIsMakePrivate() {
    Map<Path, List<String>> hits = aclWritesIn(Path.of("src/main/java"));

    assertThat(hits.keySet())
        .as("files that write an ACL")
        .containsExactly(Path.of("src/main/java/io/s3share/operator/aws/S3BucketAcls.java"));
    assertThat(hits.values().iterator().next())
        .as("ACL writes in S3BucketAcls")
        .allSatisfy(
            line ->
                assertThat(line)
                    .matches(".*(putBucketAcl\\(|\\.acl\\(BucketCannedACL\\.PRIVATE\\)).*"));
  }

  @Test
  void theCheckFindsAnAclWriteWhereThereIsOne() throws IOException {
    Path dir = Files.createTempDirectory("acl-scan");
    Files.writeString(
        dir.resolve("Sneaky.java"),
        "class Sneaky { void x() { s3.putObjectAcl(b -> b.acl(ObjectCannedACL.PUBLIC_READ)); } }");

    assertThat(aclWritesIn(dir)).containsOnlyKeys(dir.resolve("Sneaky.java"));
  }

  private static Map<Path, List<String>> aclWritesIn(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(file -> file.toString().endsWith(".java"))
          .collect(Collectors.toMap(file -> file, OnlyPrivateAclWritesTest::aclLines))
          .entrySet()
          .stream()
          .filter(entry -> !entry.getValue().isEmpty())
          .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> aclLines(Path file) {
    try {
      return Files.readAllLines(file).stream()
          .filter(line -> !line.strip().startsWith("*") && !line.strip().startsWith("//"))
          .filter(line -> !line.strip().startsWith("import "))
          .filter(line -> ACL_WRITE.matcher(line).find())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
