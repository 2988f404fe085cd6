package io.s3share.operator.aws;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.services.s3control.endpoints.S3ControlEndpointParams;
import software.amazon.awssdk.services.s3control.endpoints.S3ControlEndpointProvider;

/**
 * Sends S3 Control requests to a fixed URL.
 *
 * <p>S3 Control's endpoint rules always put the account id in front of the host ({@code
 * 111122223333.s3-control...}), and a plain {@code endpointOverride} keeps that prefix, which no
 * emulator on {@code 127.0.0.1} can answer. Resolving with the SDK's own rules and then swapping
 * only the URL keeps the signing properties the rules chose.
 */
final class FixedS3ControlEndpointProvider implements S3ControlEndpointProvider {

  private final S3ControlEndpointProvider rules = S3ControlEndpointProvider.defaultProvider();
  private final URI url;

  FixedS3ControlEndpointProvider(URI url) {
    this.url = url;
  }

  @Override
  public CompletableFuture<Endpoint> resolveEndpoint(S3ControlEndpointParams params) {
    return rules
        .resolveEndpoint(params)
        .thenApply(resolved -> resolved.toBuilder().url(url).build());
  }
}
