package io.s3share.cli.plan;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The manifests given to {@code s3share plan}: every YAML or JSON document in the files and
 * directories named (directories recursively), the operator's kinds typed.
 */
public record Manifests(
    List<BucketShare> shares, List<CrossAccountRole> roles, List<HasMetadata> all) {

  public Manifests {
    shares = List.copyOf(shares);
    roles = List.copyOf(roles);
    all = List.copyOf(all);
  }

  /** Reads the manifests; a resource without a namespace gets the kubeconfig's namespace. */
  public static Manifests read(KubernetesClient kube, List<Path> paths) {
    List<BucketShare> shares = new ArrayList<>();
    List<CrossAccountRole> roles = new ArrayList<>();
    List<HasMetadata> all = new ArrayList<>();
    for (Path file : files(paths)) {
      try (InputStream in = Files.newInputStream(file)) {
        for (HasMetadata item : kube.load(in).items()) {
          if (item == null) {
            continue;
          }
          HasMetadata typed = typed(kube, item);
          boolean namespaced =
              "BucketShare".equals(typed.getKind()) || "CrossAccountRole".equals(typed.getKind());
          if (namespaced && typed.getMetadata().getNamespace() == null) {
            typed.getMetadata().setNamespace(defaultNamespace(kube));
          }
          if (typed instanceof BucketShare share) {
            shares.add(share);
          } else if (typed instanceof CrossAccountRole role) {
            roles.add(role);
          }
          all.add(typed);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return new Manifests(shares, roles, all);
  }

  /**
   * The operator's kinds as their Java types; a manifest that does not fit its type (e.g. an
   * unknown access level) stays generic, and the API server's dry run says what is wrong with it.
   */
  private static HasMetadata typed(KubernetesClient kube, HasMetadata item) {
    try {
      return convert(kube, item);
    } catch (IllegalArgumentException unfit) {
      return item;
    }
  }

  private static HasMetadata convert(KubernetesClient kube, HasMetadata item) {
    var serialization = kube.getKubernetesSerialization();
    if ("BucketShare".equals(item.getKind()) && !(item instanceof BucketShare)) {
      return serialization.convertValue(item, BucketShare.class);
    }
    if ("CrossAccountRole".equals(item.getKind()) && !(item instanceof CrossAccountRole)) {
      return serialization.convertValue(item, CrossAccountRole.class);
    }
    return item;
  }

  private static String defaultNamespace(KubernetesClient kube) {
    return kube.getNamespace() == null ? "default" : kube.getNamespace();
  }

  private static List<Path> files(List<Path> paths) {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (!Files.exists(path)) {
        throw new IllegalArgumentException(
            path + " does not exist: give manifest files or directories");
      }
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(Files::isRegularFile)
              .filter(p -> p.toString().matches(".*\\.(ya?ml|json)$"))
              .sorted()
              .forEach(files::add);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot list " + path, e);
        }
      } else {
        files.add(path);
      }
    }
    return files;
  }
}
