package io.s3share.testenv;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class the JVM-wide real kube-apiserver: injects a cluster-admin {@link
 * KubernetesClient} (closed after the class) or the {@link RealKubeApiServer} itself.
 */
public final class KubeApiServerExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KubeApiServerExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    RealKubeApiServer.shared();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == KubernetesClient.class || type == RealKubeApiServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (parameter.getParameter().getType() == RealKubeApiServer.class) {
      return RealKubeApiServer.shared();
    }
    // One client per test class, whether asked for by a constructor, @BeforeAll or a test.
    ExtensionContext classContext =
        context.getTestMethod().isPresent() ? context.getParent().orElseThrow() : context;
    return classContext
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            "client",
            key -> new ClosingClient(RealKubeApiServer.shared().newClient()),
            ClosingClient.class)
        .client();
  }

  /** Lets the JUnit store close the client when the class's context ends. */
  private record ClosingClient(KubernetesClient client)
      implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      client.close();
    }
  }
}
