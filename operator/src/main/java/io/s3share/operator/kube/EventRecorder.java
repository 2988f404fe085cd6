package io.s3share.operator.kube;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records Kubernetes Events on our resources: one per AWS mutation and one per error.
 *
 * <p>A resource stuck on the same error is looked at again every minute; repeating the identical
 * warning each time would only bury the first one. So a warning identical to the last event
 * recorded for the same object within {@link #REPEAT_WINDOW} is skipped. Every AWS change is always
 * recorded.
 */
public final class EventRecorder {

  private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);
  private static final String COMPONENT = "s3-share-operator";
  static final Duration REPEAT_WINDOW = Duration.ofHours(1);
  private static final int REMEMBERED_OBJECTS = 10_000;

  private final KubernetesClient client;
  private final Clock clock;
  private final String fallbackNamespace;
  private final Map<String, Recorded> lastByObject =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Recorded> eldest) {
          return size() > REMEMBERED_OBJECTS;
        }
      };

  private record Recorded(String type, String reason, String message, Instant at) {}

  /**
   * @param fallbackNamespace where events about cluster-scoped resources go
   */
  public EventRecorder(KubernetesClient client, Clock clock, String fallbackNamespace) {
    this.client = client;
    this.clock = clock;
    this.fallbackNamespace = fallbackNamespace;
  }

  public void normal(HasMetadata about, String reason, String message) {
    record(about, "Normal", reason, message);
  }

  public void warning(HasMetadata about, String reason, String message) {
    record(about, "Warning", reason, message);
  }

  boolean isRepeat(HasMetadata about, String type, String reason, String message) {
    String key = about.getMetadata().getUid() + "/" + about.getMetadata().getName();
    Instant now = clock.instant();
    synchronized (lastByObject) {
      Recorded last = lastByObject.get(key);
      if (last != null
          && last.type().equals(type)
          && last.reason().equals(reason)
          && last.message().equals(message)
          && last.at().plus(REPEAT_WINDOW).isAfter(now)) {
        return true;
      }
      lastByObject.put(key, new Recorded(type, reason, message, now));
      return false;
    }
  }

  private void record(HasMetadata about, String type, String reason, String message) {
    if ("Warning".equals(type) && isRepeat(about, type, reason, message)) {
      return;
    }
    String namespace =
        about.getMetadata().getNamespace() != null
            ? about.getMetadata().getNamespace()
            : fallbackNamespace;
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    var event =
        new EventBuilder()
            .withNewMetadata()
            .withNamespace(namespace)
            .withName(
                about.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8))
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(about.getApiVersion())
                    .withKind(about.getKind())
                    .withName(about.getMetadata().getName())
                    .withNamespace(about.getMetadata().getNamespace())
                    .withUid(about.getMetadata().getUid())
                    .build())
            .withType(type)
            .withReason(reason)
            .withMessage(message)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .withReportingComponent(COMPONENT)
            .build();
    try {
      client.v1().events().inNamespace(namespace).resource(event).create();
    } catch (KubernetesClientException e) {
      // Events are best effort: failing to record one must not fail the reconcile.
      log.warn(
          "could not record event {} on {}: {}",
          reason,
          about.getMetadata().getName(),
          e.getMessage());
    }
  }
}
