package io.s3share.operator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Objects read and written without this build's API types, as the API server stores them, so that
 * objects of an older schema can be applied and inspected whatever the current types say.
 */
final class StoredObjects {

  static final String API_VERSION = "s3share.io/v1alpha1";
  private static final ObjectMapper JSON = Serialization.jsonMapper();

  /** One stored object: its kind, and its namespace (null when cluster-scoped) and name. */
  record Ref(String kind, String namespace, String name) {

    Resource<GenericKubernetesResource> in(KubernetesClient client) {
      var kind = client.genericKubernetesResources(API_VERSION, this.kind);
      return namespace == null ? kind.withName(name) : kind.inNamespace(namespace).withName(name);
    }

    @Override
    public String toString() {
      return kind + " " + (namespace == null ? "" : namespace + "/") + name;
    }
  }

  private StoredObjects() {}

  /** The YAML documents of a test resource, with each {@code ${KEY}} replaced by its value. */
  static List<GenericKubernetesResource> load(String resource, Map<String, String> values) {
    try (InputStream in = StoredObjects.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the test resources");
      }
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (var value : values.entrySet()) {
        yaml = yaml.replace("${" + value.getKey() + "}", value.getValue());
      }
      return Arrays.stream(yaml.split("(?m)^---\\s*$"))
          .filter(document -> document.lines().anyMatch(l -> !l.isBlank() && !l.startsWith("#")))
          .map(document -> Serialization.unmarshal(document, GenericKubernetesResource.class))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Ref ref(HasMetadata object) {
    return new Ref(
        object.getKind(), object.getMetadata().getNamespace(), object.getMetadata().getName());
  }

  /** The object's status as a JSON tree, or a missing node when it has none yet. */
  static JsonNode status(GenericKubernetesResource object) {
    return normalised(object == null ? null : object.getAdditionalProperties().get("status"));
  }

  /** The condition of that type, or a missing node. */
  static JsonNode condition(GenericKubernetesResource object, String type) {
    for (JsonNode condition : status(object).path("conditions")) {
      if (type.equals(condition.path("type").asText())) {
        return condition;
      }
    }
    return JSON.missingNode();
  }

  /** Asserts that the object is Ready=True for its current generation. */
  static void assertReady(Ref ref, GenericKubernetesResource object) {
    assertThat(object).as("%s exists", ref).isNotNull();
    assertThat(condition(object, "Ready").path("status").asText())
        .as("Ready of %s; status: %s", ref, status(object))
        .isEqualTo("True");
    assertThat(status(object).path("observedGeneration").asLong())
        .as("status.observedGeneration of %s", ref)
        .isEqualTo(object.getMetadata().getGeneration());
  }

  /**
   * The object's status as this build's API type reads and writes it. Equal to {@link #status} when
   * the stored status has the current shape; a field the current type no longer has, or reads
   * differently, makes them differ.
   */
  static JsonNode statusAsCurrentTypeSees(
      GenericKubernetesResource object, Class<? extends HasMetadata> type) {
    HasMetadata typed = JSON.convertValue(object, type);
    return normalised(JSON.convertValue(typed, Map.class).get("status"));
  }

  /** Through text and back, so that numbers of either origin compare equal. */
  private static JsonNode normalised(Object value) {
    if (value == null) {
      return JSON.missingNode();
    }
    try {
      return JSON.readTree(JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("status is not JSON: " + value, e);
    }
  }
}
