package io.s3share.testenv;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One AWS request as the proxy in front of moto sees it, named well enough to tell reads from
 * writes: IAM and STS by their {@code Action} (with the role, if any), KMS and CloudTrail by their
 * {@code X-Amz-Target}, S3 and S3 Control by method and path.
 *
 * @param name e.g. {@code GetRole RoleName=reader} or {@code PUT /bucket?policy}
 * @param mutating whether it changes AWS state
 */
public record AwsOperation(String name, boolean mutating) {

  public static AwsOperation of(String method, URI uri, byte[] body) {
    return of(method, uri, body, null);
  }

  /**
   * @param target the {@code X-Amz-Target} header of a JSON-protocol request (KMS, CloudTrail),
   *     e.g. {@code TrentService.GetKeyPolicy}, which names the operation; null for the others
   */
  public static AwsOperation of(String method, URI uri, byte[] body, String target) {
    if (target != null && !target.isBlank()) {
      String operation = target.substring(target.lastIndexOf('.') + 1);
      return new AwsOperation(operation, AwsCallCounter.isMutating(operation));
    }
    Map<String, String> form = "POST".equals(method) ? form(body) : Map.of();
    String action = form.get("Action");
    if (action != null) {
      String role = form.get("RoleName");
      return new AwsOperation(
          role == null ? action : action + " RoleName=" + role, AwsCallCounter.isMutating(action));
    }
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    // S3 and S3 Control read with GET and HEAD; every PUT, POST and DELETE changes something.
    boolean read = "GET".equals(method) || "HEAD".equals(method);
    return new AwsOperation(method + " " + uri.getRawPath() + query, !read);
  }

  private static Map<String, String> form(byte[] body) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        fields.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return fields;
  }

  @Override
  public String toString() {
    return name;
  }
}
