package io.s3share.operator.status;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Objects;
import java.util.function.Supplier;

/** Helpers for patching status only when it changed, and with nothing but status. */
public final class StatusPatches {

  /** The server-side apply field manager for everything the operator writes to Kubernetes. */
  public static final String FIELD_MANAGER = "s3-share-operator";

  private StatusPatches() {}

  /**
   * A new resource with only the name, namespace and {@code status} of {@code resource}: what a
   * server-side apply of the status subresource should send, so that the operator owns no other
   * field and no resourceVersion makes the apply conditional.
   */
  public static <S, R extends CustomResource<?, S>> R of(R resource, S status, Supplier<R> empty) {
    R patch = empty.get();
    patch.setMetadata(
        new ObjectMetaBuilder()
            .withName(resource.getMetadata().getName())
            .withNamespace(resource.getMetadata().getNamespace())
            .build());
    patch.setStatus(status);
    return patch;
  }

  /** Whether two statuses mean the same (equal JSON); an absent previous status never does. */
  public static boolean same(Object previous, Object next) {
    return previous != null
        && Objects.equals(
            Serialization.jsonMapper().valueToTree(previous),
            Serialization.jsonMapper().valueToTree(next));
  }
}
