package io.s3share.operator.evaluation;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One S3 request to judge: who, which action, which resource ARN (bucket form, {@code
 * arn:aws:s3:::bucket} or {@code arn:aws:s3:::bucket/key}), and the request context keys. Context
 * key names are case-insensitive, as in IAM; their values are not.
 */
public record AccessRequest(
    RequestPrincipal principal, String action, String resource, Map<String, List<String>> context) {

  public AccessRequest {
    TreeMap<String, List<String>> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    context.forEach((key, values) -> keys.put(key, List.copyOf(values)));
    context = Collections.unmodifiableMap(keys);
  }

  public static AccessRequest of(String principal, String action, String resource) {
    return new AccessRequest(RequestPrincipal.parse(principal), action, resource, Map.of());
  }

  /** This request with one more context key (replacing any value it had). */
  public AccessRequest with(String key, String... values) {
    TreeMap<String, List<String>> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    keys.putAll(context);
    keys.put(key, List.of(values));
    return new AccessRequest(principal, action, resource, keys);
  }

  /** This request with the key set only when the caller did not give it. */
  AccessRequest withDefault(String key, String value) {
    return context.containsKey(key) || value == null ? this : with(key, value);
  }

  AccessRequest withoutKey(String key) {
    TreeMap<String, List<String>> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    keys.putAll(context);
    keys.remove(key);
    return new AccessRequest(principal, action, resource, keys);
  }

  AccessRequest as(RequestPrincipal other, String otherAction, String otherResource) {
    return new AccessRequest(other, otherAction, otherResource, context);
  }

  AccessRequest at(String otherResource) {
    return new AccessRequest(principal, action, otherResource, context);
  }

  /** The values of a key, or empty when the request does not carry it. */
  public Optional<List<String>> values(String key) {
    return Optional.ofNullable(context.get(key));
  }

  /** The keys AWS sets on every signed request, added here when the caller left them out. */
  AccessRequest withPrincipalKeys() {
    AccessRequest result = this;
    if (principal.hasAccount()) {
      result = result.withDefault("aws:PrincipalAccount", principal.accountId());
    }
    if (principal.kind() == RequestPrincipal.Kind.IAM_ENTITY) {
      result = result.withDefault("aws:PrincipalArn", principal.arn());
    }
    return result;
  }
}
