package io.s3share.operator.testing;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.GetBucketPolicyResponse;

/**
 * Makes chosen AWS calls fail with a real HTTP error answer, so that the SDK's own error parsing
 * and retry strategy run exactly as they do against AWS.
 *
 * <p>As an interceptor it picks the calls by operation and bucket and marks them with a header; as
 * a wrapper around the HTTP client it answers marked requests with the fault's status and body
 * instead of sending them to moto. Every other request goes to moto untouched.
 */
public final class FaultInjector implements ExecutionInterceptor {

  private static final String MARK = "x-s3share-test-fault";

  private record Fault(
      String operation,
      Optional<String> bucket,
      int status,
      String body,
      AtomicInteger remaining,
      Instant until,
      Predicate<SdkRequest> when) {

    Fault(
        String operation,
        Optional<String> bucket,
        int status,
        String body,
        AtomicInteger remaining,
        Instant until) {
      this(operation, bucket, status, body, remaining, until, request -> true);
    }

    boolean matches(String op, Optional<String> requestBucket, SdkRequest request) {
      return operation.equals(op)
          && (bucket.isEmpty() || bucket.equals(requestBucket))
          && Instant.now().isBefore(until)
          && remaining.get() > 0
          && when.test(request);
    }

    /** Counted per HTTP attempt, so that the SDK's own retries meet the fault too. */
    boolean takeAttempt() {
      return Instant.now().isBefore(until) && remaining.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0;
    }
  }

  private record Hook(String operation, String bucket, Runnable action, AtomicInteger remaining) {}

  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final List<Hook> hooks = new CopyOnWriteArrayList<>();
  private final Map<String, Fault> marked = new ConcurrentHashMap<>();
  private final AtomicInteger injected = new AtomicInteger();
  private final Map<String, UnaryOperator<String>> rewrites = new ConcurrentHashMap<>();
  private final List<String[]> written = new CopyOnWriteArrayList<>();
  private final List<String[]> attempted = new CopyOnWriteArrayList<>();

  /**
   * S3 answers {@code status}/{@code code} to the next {@code attempts} HTTP attempts on the
   * bucket; the SDK retries throttling and 5xx answers itself (three attempts per call).
   */
  public void s3Error(String operation, String bucket, int status, String code, int attempts) {
    faults.add(
        new Fault(
            operation,
            Optional.of(bucket),
            status,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>"
                + code
                + "</Code><Message>injected "
                + code
                + "</Message></Error>",
            new AtomicInteger(attempts),
            Instant.now().plus(Duration.ofHours(1))));
  }

  /**
   * S3 answers PutBucketPolicy on the bucket with 400 MalformedPolicy "Invalid principal in policy"
   * whenever the policy names {@code principal}, as AWS does for an account or role that does not
   * exist (or not yet). moto accepts any principal, so AWS's answer is injected here.
   */
  public void s3RefusesPrincipal(String bucket, String principal) {
    faults.add(
        new Fault(
            "PutBucketPolicy",
            Optional.of(bucket),
            400,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>MalformedPolicy</Code>"
                + "<Message>Invalid principal in policy</Message></Error>",
            new AtomicInteger(Integer.MAX_VALUE),
            Instant.now().plus(Duration.ofHours(1)),
            request ->
                request.getValueForField("Policy", String.class).orElse("").contains(principal)));
  }

  /**
   * GetBucketPolicy on the bucket answers with {@code roleArn} replaced by {@code uniqueId}, as AWS
   * shows a role principal once the role is deleted. moto keeps the ARN, so the answer is rewritten
   * here, after moto answered and before the operator reads it.
   */
  public void s3ShowsDeletedRole(String bucket, String roleArn, String uniqueId) {
    rewrites.put(bucket, policy -> policy.replace(roleArn, uniqueId));
  }

  /**
   * S3 Control answers {@code status}/{@code code} to the next {@code attempts} HTTP attempts of
   * {@code operation}, e.g. a quota AWS enforces and moto does not.
   */
  public void s3ControlError(String operation, int status, String code, int attempts) {
    faults.add(
        new Fault(
            operation,
            Optional.empty(),
            status,
            // S3 Control wraps its errors in ErrorResponse, unlike S3.
            "<ErrorResponse><Error><Code>"
                + code
                + "</Code><Message>injected "
                + code
                + "</Message></Error><RequestId>injected</RequestId></ErrorResponse>",
            new AtomicInteger(attempts),
            Instant.now().plus(Duration.ofHours(1))));
  }

  /**
   * S3 Control answers PutAccessPointPolicy with 400 MalformedPolicy "Invalid principal in policy"
   * whenever the policy names {@code principal}, as AWS does; moto accepts any principal.
   */
  public void accessPointRefusesPrincipal(String principal) {
    faults.add(
        new Fault(
            "PutAccessPointPolicy",
            Optional.empty(),
            400,
            "<ErrorResponse><Error><Code>MalformedPolicy</Code>"
                + "<Message>Invalid principal in policy</Message></Error>"
                + "<RequestId>injected</RequestId></ErrorResponse>",
            new AtomicInteger(Integer.MAX_VALUE),
            Instant.now().plus(Duration.ofHours(1)),
            request ->
                request.getValueForField("Policy", String.class).orElse("").contains(principal)));
  }

  /**
   * KMS answers PutKeyPolicy with 400 MalformedPolicyDocumentException whenever the policy names
   * {@code principal}, as AWS does for an account or role that does not exist; moto stores any key
   * policy as given, so AWS's answer is injected here.
   */
  public void kmsRefusesPrincipal(String principal) {
    faults.add(
        new Fault(
            "PutKeyPolicy",
            Optional.empty(),
            400,
            "{\"__type\":\"MalformedPolicyDocumentException\",\"message\":\"Policy contains a"
                + " statement with one or more invalid principals.\"}",
            new AtomicInteger(Integer.MAX_VALUE),
            Instant.now().plus(Duration.ofHours(1)),
            request ->
                request.getValueForField("Policy", String.class).orElse("").contains(principal)));
  }

  /** IAM answers with an error to every {@code operation} call during {@code period}. */
  public void iamError(String operation, int status, String code, String message, Duration period) {
    faults.add(
        new Fault(
            operation,
            Optional.empty(),
            status,
            "<ErrorResponse><Error><Type>Sender</Type><Code>"
                + code
                + "</Code><Message>"
                + message
                + "</Message></Error><RequestId>injected</RequestId></ErrorResponse>",
            new AtomicInteger(Integer.MAX_VALUE),
            Instant.now().plus(period)));
  }

  /**
   * Runs {@code action} once, right after the next successful {@code operation} on the bucket (or,
   * for S3 Control, the access point of that name): e.g. a foreign writer acting between the
   * operator's read and its write.
   */
  public void afterNext(String operation, String bucket, Runnable action) {
    hooks.add(new Hook(operation, bucket, action, new AtomicInteger(1)));
  }

  /** How many HTTP attempts were answered by a fault so far. */
  public int injected() {
    return injected.get();
  }

  public void clear() {
    faults.clear();
    hooks.clear();
    rewrites.clear();
  }

  /** The HTTP client the operator's factory must use for faults to take effect. */
  public SdkHttpClient wrap(SdkHttpClient delegate) {
    return new SdkHttpClient() {
      @Override
      public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        Optional<Fault> fault = request.httpRequest().firstMatchingHeader(MARK).map(marked::get);
        return fault.isPresent() && fault.get().takeAttempt()
            ? answer(fault.get())
            : delegate.prepareRequest(request);
      }

      @Override
      public void close() {
        delegate.close();
      }
    };
  }

  @Override
  public SdkHttpRequest modifyHttpRequest(
      Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    Optional<String> bucket = bucketOf(context.request());
    bucket.ifPresent(b -> attempted.add(new String[] {b, operation}));
    for (Fault fault : faults) {
      if (fault.matches(operation, bucket, context.request())) {
        String id = String.valueOf(System.identityHashCode(fault));
        marked.put(id, fault);
        return context.httpRequest().toBuilder().putHeader(MARK, id).build();
      }
    }
    return context.httpRequest();
  }

  @Override
  public SdkResponse modifyResponse(
      Context.ModifyResponse context, ExecutionAttributes attributes) {
    if (context.response() instanceof GetBucketPolicyResponse response) {
      UnaryOperator<String> rewrite = bucketOf(context.request()).map(rewrites::get).orElse(null);
      if (rewrite != null && response.policy() != null) {
        return response.toBuilder().policy(rewrite.apply(response.policy())).build();
      }
    }
    return context.response();
  }

  /**
   * Every operation the operator sent about the bucket, oldest first, including those a fault
   * answered: the order in which it acted.
   */
  public List<String> operationsOn(String bucket) {
    return attempted.stream().filter(a -> a[0].equals(bucket)).map(a -> a[1]).toList();
  }

  /** Every bucket policy S3 accepted from the operator for the bucket, oldest first. */
  public List<String> policiesWritten(String bucket) {
    return written.stream().filter(w -> w[0].equals(bucket)).map(w -> w[1]).toList();
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    Optional<String> bucket = bucketOf(context.request());
    if ("PutBucketPolicy".equals(operation) && bucket.isPresent()) {
      context
          .request()
          .getValueForField("Policy", String.class)
          .ifPresent(policy -> written.add(new String[] {bucket.get(), policy}));
    }
    Optional<String> target =
        bucket.or(() -> context.request().getValueForField("Name", String.class));
    for (Hook hook : hooks) {
      if (hook.operation().equals(operation)
          && target.equals(Optional.of(hook.bucket()))
          && hook.remaining().getAndUpdate(n -> n > 0 ? n - 1 : n) > 0) {
        hook.action().run();
      }
    }
  }

  private ExecutableHttpRequest answer(Fault fault) {
    injected.incrementAndGet();
    byte[] body = fault.body().getBytes(StandardCharsets.UTF_8);
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() {
        return HttpExecuteResponse.builder()
            .response(
                SdkHttpResponse.builder()
                    .statusCode(fault.status())
                    .putHeader("Content-Type", "text/xml")
                    .putHeader("Content-Length", String.valueOf(body.length))
                    .build())
            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
            .build();
      }

      @Override
      public void abort() {}
    };
  }

  private static Optional<String> bucketOf(SdkRequest request) {
    return request.getValueForField("Bucket", String.class).filter(Objects::nonNull);
  }
}
