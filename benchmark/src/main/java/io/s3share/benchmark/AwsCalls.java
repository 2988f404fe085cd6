package io.s3share.benchmark;

import io.s3share.testenv.AwsOperation;
import io.s3share.testenv.MotoProxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS requests one writer (told by its access key) sent through the proxy during a window of
 * the run, named as the SDK names them where the benchmark's figures need it.
 *
 * @param operations every request, in the order received, SDK retries included
 */
record AwsCalls(List<AwsOperation> operations) {

  // Bucket-policy calls are REST requests on the bucket's "policy" subresource.
  private static final Pattern POLICY = Pattern.compile("^(GET|PUT|DELETE) /([^/?]+)\\?policy=?$");

  private static final String S3_CONTROL = "/v20180820/";

  /** Marks the start of a window: {@link #since(Mark)} returns what came after it. */
  record Mark(MotoProxy proxy, String accessKey, int from) {}

  static Mark mark(MotoProxy proxy, String accessKey) {
    return new Mark(proxy, accessKey, proxy.operationsBy(accessKey).size());
  }

  static AwsCalls since(Mark mark) {
    List<AwsOperation> all = mark.proxy().operationsBy(mark.accessKey());
    return new AwsCalls(List.copyOf(all.subList(mark.from(), all.size())));
  }

  int total() {
    return operations.size();
  }

  int mutating() {
    return (int) operations.stream().filter(AwsOperation::mutating).count();
  }

  /** IAM calls on one role, told by their RoleName (CreateRole, GetRole, PutRolePolicy, ...). */
  int roleCalls() {
    return (int) operations.stream().filter(op -> op.name().contains(" RoleName=")).count();
  }

  int putBucketPolicy() {
    return count("PUT");
  }

  int getBucketPolicy() {
    return count("GET");
  }

  /** PutBucketPolicy calls by bucket. */
  Map<String, Integer> putsByBucket() {
    Map<String, Integer> puts = new TreeMap<>();
    for (AwsOperation op : operations) {
      policyCall(op)
          .filter(m -> m.group(1).equals("PUT"))
          .ifPresent(m -> puts.merge(m.group(2), 1, Integer::sum));
    }
    return puts;
  }

  /** Requests by the service's own name for IAM and STS, and "S3 METHOD" for the rest. */
  Map<String, Integer> byKind() {
    Map<String, Integer> kinds = new TreeMap<>();
    for (AwsOperation op : operations) {
      String kind =
          policyCall(op)
              .map(
                  m ->
                      switch (m.group(1)) {
                        case "GET" -> "GetBucketPolicy";
                        case "PUT" -> "PutBucketPolicy";
                        default -> "DeleteBucketPolicy";
                      })
              .orElseGet(() -> kindOf(op.name()));
      kinds.merge(kind, 1, Integer::sum);
    }
    return kinds;
  }

  private int count(String method) {
    return (int)
        operations.stream()
            .map(AwsCalls::policyCall)
            .filter(m -> m.isPresent() && m.get().group(1).equals(method))
            .count();
  }

  private static Optional<Matcher> policyCall(AwsOperation op) {
    Matcher m = POLICY.matcher(op.name());
    return m.matches() ? Optional.of(m) : Optional.empty();
  }

  // IAM and STS names start with their Action ("GetRole RoleName=x"); S3 ones with the method,
  // then the path and subresource ("GET /bucket?ownershipControls"), kept without the bucket.
  static String kindOf(String name) {
    String[] parts = name.split(" ", 2);
    if (!parts[0].equals(parts[0].toUpperCase()) || parts.length < 2) {
      return parts[0];
    }
    String target = parts[1];
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    String subresources =
        q < 0 ? "" : target.substring(q + 1).replaceAll("=[^&]*", "").replace('&', ',');
    if (path.startsWith(S3_CONTROL)) {
      // e.g. /v20180820/configuration/publicAccessBlock, /v20180820/accesspoint/name
      String[] segments = path.substring(S3_CONTROL.length()).split("/");
      String what =
          segments[0].equals("configuration") && segments.length > 1 ? segments[1] : segments[0];
      return "S3Control " + parts[0] + " " + what;
    }
    String on = path.equals("/") ? "/" : path.indexOf('/', 1) < 0 ? "bucket" : "object";
    return "S3 " + parts[0] + " " + on + (subresources.isEmpty() ? "" : "?" + subresources);
  }
}
