package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Per namespace, what each SharingPolicy selecting it allows. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SharingPolicyIndexSpec {

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyDescription(
      "Namespace name to the SharingPolicies that select it; admission allows a resource when"
          + " one entry allows all of it.")
  private Map<String, List<SharingPolicyIndexEntry>> namespaces = new TreeMap<>();

  public Map<String, List<SharingPolicyIndexEntry>> getNamespaces() {
    return namespaces;
  }

  public void setNamespaces(Map<String, List<SharingPolicyIndexEntry>> namespaces) {
    this.namespaces = namespaces;
  }
}
