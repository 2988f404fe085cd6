package io.s3share.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * fabric8 picks one of the HTTP transports it finds on the classpath, at random when there are
 * several. This module's classpath is the widest (operator, test environment, sandbox, chart
 * tools), so exactly one transport here means one transport everywhere.
 */
class HttpTransportTest {

  @Test
  void exactlyOneKubernetesHttpTransportIsOnTheClasspath() {
    assertThat(
            ServiceLoader.load(HttpClient.Factory.class).stream().map(ServiceLoader.Provider::type))
        .containsExactly(JdkHttpClientFactory.class);
  }
}
