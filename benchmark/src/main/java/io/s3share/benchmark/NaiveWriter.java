package io.s3share.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The baseline: each share on its own reads the bucket's whole policy, adds or replaces its
 * statement and writes the whole document back, as tools that treat the policy as one opaque field
 * do. PutBucketPolicy has no condition, so two shares of a bucket writing at once lose one of the
 * two statements.
 */
final class NaiveWriter implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final S3Client s3;
  private final ExecutorService pool;

  /**
   * @param endpoint where it reaches S3 (the proxy, so that it sees the same latency)
   * @param accessKey its own key, by which the proxy counts its calls
   * @param parallelism shares written at once
   */
  NaiveWriter(URI endpoint, String accessKey, int parallelism) {
    this.s3 = Bench.s3(endpoint, accessKey);
    this.pool = Executors.newFixedThreadPool(parallelism);
  }

  /**
   * One pass over the shares, each on its bucket ({@code buckets.get(share.bucketIndex())}), all
   * from the pool at once: a first apply, or one resync of a naive controller. A share whose
   * statement is already there as declared writes nothing.
   *
   * @return how long the pass took
   */
  Duration pass(List<DeclaredShare> shares, List<String> buckets) {
    Instant start = Instant.now();
    List<Future<?>> running = new ArrayList<>();
    for (DeclaredShare share : shares) {
      running.add(pool.submit(() -> write(share, buckets.get(share.bucketIndex()))));
    }
    try {
      for (Future<?> f : running) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("the naive writer failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the naive writer ran", e);
    }
    return Duration.between(start, Instant.now());
  }

  private void write(DeclaredShare share, String bucket) {
    ObjectNode policy = read(bucket);
    ArrayNode statements = policy.withArray("Statement");
    ObjectNode wanted = statement(share, bucket);
    for (int i = 0; i < statements.size(); i++) {
      if (sid(share).equals(statements.get(i).path("Sid").asText())) {
        if (statements.get(i).equals(wanted)) {
          return;
        }
        statements.remove(i);
        break;
      }
    }
    statements.add(wanted);
    s3.putBucketPolicy(b -> b.bucket(bucket).policy(policy.toString()));
  }

  private ObjectNode read(String bucket) {
    Optional<String> text;
    try {
      text = Optional.of(s3.getBucketPolicy(b -> b.bucket(bucket)).policy());
    } catch (S3Exception e) {
      if (e.statusCode() != 404) {
        throw e;
      }
      text = Optional.empty();
    }
    if (text.isEmpty()) {
      ObjectNode empty = JSON.createObjectNode().put("Version", "2012-10-17");
      empty.putArray("Statement");
      return empty;
    }
    try {
      return (ObjectNode) JSON.readTree(text.get());
    } catch (IOException e) {
      throw new UncheckedIOException("the policy of " + bucket + " is not JSON", e);
    }
  }

  static String sid(DeclaredShare share) {
    // Sids are letters and digits only.
    return "Naive" + share.name().replaceAll("[^A-Za-z0-9]", "");
  }

  /** Read of the share's prefix for its consumer: the object half of what the operator grants. */
  static ObjectNode statement(DeclaredShare share, String bucket) {
    ObjectNode s = JSON.createObjectNode();
    s.put("Sid", sid(share));
    s.put("Effect", "Allow");
    s.putObject("Principal").put("AWS", "arn:aws:iam::" + share.consumer() + ":root");
    s.putArray("Action").add("s3:GetObject").add("s3:GetObjectVersion");
    s.put("Resource", "arn:aws:s3:::" + bucket + "/" + DeclaredShare.PREFIX + "*");
    return s;
  }

  /** The Sids of the statements in a policy document. */
  static Set<String> sids(String policy) {
    Set<String> sids = new HashSet<>();
    try {
      for (JsonNode s : JSON.readTree(policy).path("Statement")) {
        sids.add(s.path("Sid").asText());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("a bucket policy that is not JSON", e);
    }
    return sids;
  }

  @Override
  public void close() {
    pool.shutdownNow();
    s3.close();
  }
}
