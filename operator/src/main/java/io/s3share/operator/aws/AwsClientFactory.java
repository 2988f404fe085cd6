package io.s3share.operator.aws;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Builds SDK v2 clients for S3, S3 Control, IAM, STS, KMS and CloudTrail that act in one account.
 *
 * <p>The base identity is the operator's own (the SDK's default chain: IRSA or EKS Pod Identity in
 * production). For an account with a role to assume, every client signs with credentials from STS
 * AssumeRole, refreshed before they expire. All clients share one HTTP connection pool and use the
 * SDK's standard retry strategy, which already backs off on throttling and 5xx answers, so callers
 * never retry on top of it.
 */
public final class AwsClientFactory implements AutoCloseable {

  private final AwsCredentialsProvider baseCredentials;
  private final List<ExecutionInterceptor> interceptors;
  private final SdkHttpClient httpClient;

  /**
   * @param baseCredentials the operator's own identity
   * @param interceptors applied to every client, for metrics and, in tests, call counting and fault
   *     injection
   */
  public AwsClientFactory(
      AwsCredentialsProvider baseCredentials, List<ExecutionInterceptor> interceptors) {
    this(baseCredentials, interceptors, ApacheHttpClient.builder().build());
  }

  /**
   * @param httpClient the connection pool every client shares; closed with the factory
   */
  public AwsClientFactory(
      AwsCredentialsProvider baseCredentials,
      List<ExecutionInterceptor> interceptors,
      SdkHttpClient httpClient) {
    this.baseCredentials = baseCredentials;
    this.interceptors = List.copyOf(interceptors);
    this.httpClient = httpClient;
  }

  /** A factory whose base identity comes from the SDK's default credentials chain. */
  public static AwsClientFactory withDefaultCredentials(List<ExecutionInterceptor> interceptors) {
    return new AwsClientFactory(DefaultCredentialsProvider.builder().build(), interceptors);
  }

  /** Clients acting in the given account; the caller closes them. */
  public AccountClients clientsFor(AccountSettings account) {
    List<AutoCloseable> alsoClose = new ArrayList<>();
    AwsCredentialsProvider credentials = baseCredentials;
    if (account.assumeRole().isPresent()) {
      StsClient baseSts =
          configure(
                  StsClient.builder(), account.region(), baseCredentials, account.endpoints().sts())
              .build();
      StsAssumeRoleCredentialsProvider assumed = assumeRole(baseSts, account.assumeRole().get());
      alsoClose.add(assumed);
      alsoClose.add(baseSts);
      credentials = assumed;
    }
    EndpointOverrides endpoints = account.endpoints();
    Region region = account.region();
    S3Client s3 =
        configure(S3Client.builder(), region, credentials, endpoints.s3())
            // Emulators and private endpoints are addressed by path, not by bucket subdomain.
            .forcePathStyle(endpoints.s3().isPresent())
            .build();
    var s3ControlBuilder =
        configure(S3ControlClient.builder(), region, credentials, Optional.empty());
    endpoints
        .s3Control()
        .ifPresent(
            url -> s3ControlBuilder.endpointProvider(new FixedS3ControlEndpointProvider(url)));
    // IAM is a global service: its endpoint and signing region are aws-global.
    IamClient iam =
        configure(IamClient.builder(), Region.AWS_GLOBAL, credentials, endpoints.iam()).build();
    StsClient sts = configure(StsClient.builder(), region, credentials, endpoints.sts()).build();
    KmsClient kms = configure(KmsClient.builder(), region, credentials, endpoints.kms()).build();
    CloudTrailClient cloudTrail =
        configure(CloudTrailClient.builder(), region, credentials, endpoints.cloudTrail()).build();
    return new AccountClients(
        account.accountId(), s3, s3ControlBuilder.build(), iam, sts, kms, cloudTrail, alsoClose);
  }

  @Override
  public void close() {
    httpClient.close();
  }

  private <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(
      B builder, Region region, AwsCredentialsProvider credentials, Optional<URI> endpoint) {
    builder
        .region(region)
        .credentialsProvider(credentials)
        .httpClient(httpClient)
        .overrideConfiguration(
            ClientOverrideConfiguration.builder()
                .retryStrategy(RetryMode.STANDARD)
                .executionInterceptors(interceptors)
                .build());
    endpoint.ifPresent(builder::endpointOverride);
    return builder;
  }

  private static StsAssumeRoleCredentialsProvider assumeRole(
      StsClient baseSts, AccountSettings.AssumeRole role) {
    return StsAssumeRoleCredentialsProvider.builder()
        .stsClient(baseSts)
        .refreshRequest(
            request -> {
              request.roleArn(role.roleArn()).roleSessionName(role.sessionName());
              role.externalId().ifPresent(request::externalId);
            })
        .build();
  }
}
