package io.s3share.operator.evaluation;

import java.util.List;
import java.util.Map;

/**
 * A Principal or NotPrincipal element: either the bare wildcard {@code "*"} or a map from principal
 * type ({@code AWS}, {@code Service}, {@code Federated}, {@code CanonicalUser}) to its values.
 */
public record PrincipalElement(boolean everyone, Map<String, List<String>> byType) {

  public PrincipalElement {
    byType = Map.copyOf(byType);
  }

  /** The values given for one principal type, matched case-insensitively on the type name. */
  public List<String> values(String type) {
    for (Map.Entry<String, List<String>> entry : byType.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(type)) {
        return entry.getValue();
      }
    }
    return List.of();
  }
}
