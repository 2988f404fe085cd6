package io.s3share.benchmark;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * The roles' baseline: a controller per role that reads the role, its inline policy and its
 * attached policies on every pass and writes what differs, one role at a time per thread, as
 * per-resource controllers do. Roles are documents of their own, so nothing is lost here: the
 * figures to compare are calls per role.
 */
final class NaiveRoleWriter implements AutoCloseable {

  static final String POLICY_NAME = "grant";

  private final IamClient iam;
  private final ExecutorService pool;

  NaiveRoleWriter(URI endpoint, String accessKey, int parallelism) {
    this.iam =
        IamClient.builder()
            .region(Region.AWS_GLOBAL)
            .endpointOverride(endpoint)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "testing")))
            .build();
    this.pool = Executors.newFixedThreadPool(parallelism);
  }

  /** One pass over the roles: create what is missing, re-read everything, write what differs. */
  Duration pass(List<DeclaredRole> roles) {
    Instant start = Instant.now();
    List<Future<?>> running = new ArrayList<>();
    for (DeclaredRole role : roles) {
      running.add(pool.submit(() -> converge(role)));
    }
    try {
      for (Future<?> f : running) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "the naive role writer failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the naive role writer ran", e);
    }
    return Duration.between(start, Instant.now());
  }

  private void converge(DeclaredRole role) {
    String name = role.naiveName();
    String trust;
    try {
      trust = iam.getRole(b -> b.roleName(name)).role().assumeRolePolicyDocument();
    } catch (NoSuchEntityException e) {
      iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(role.trustPolicy()));
      iam.putRolePolicy(
          b -> b.roleName(name).policyName(POLICY_NAME).policyDocument(role.grantPolicy()));
      return;
    }
    if (trust == null || !trust.contains(role.externalId())) {
      iam.updateAssumeRolePolicy(b -> b.roleName(name).policyDocument(role.trustPolicy()));
    }
    String inline;
    try {
      inline = iam.getRolePolicy(b -> b.roleName(name).policyName(POLICY_NAME)).policyDocument();
    } catch (NoSuchEntityException e) {
      inline = null;
    }
    if (inline == null || !inline.contains(role.bucket())) {
      iam.putRolePolicy(
          b -> b.roleName(name).policyName(POLICY_NAME).policyDocument(role.grantPolicy()));
    }
    // Attached managed policies: a per-role controller lists them to catch drift there too.
    iam.listAttachedRolePolicies(b -> b.roleName(name));
  }

  @Override
  public void close() {
    pool.shutdownNow();
    iam.close();
  }
}
