package io.s3share.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Objects;

/** What the documents read back from AWS let the share's consumers do. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EffectiveAccessStatus {

  @JsonPropertyDescription(
      "Verified, Wider, Conditional, Shadowed, KeyDenies, NotGranted or Unverifiable.")
  private EffectiveAccessResult result;

  @JsonPropertyDescription(
      "What is missing or wider, for which consumer and request, and what to do. An allow across"
          + " accounts also needs the consumer account's own identity policies.")
  private String message;

  @JsonPropertyDescription("Sids of the statements that deny or widen the access, if any.")
  private List<String> deniedBy;

  @JsonPropertyDescription("The metadata.generation of the share that was checked.")
  private Long checkedGeneration;

  public EffectiveAccessStatus() {}

  public EffectiveAccessStatus(
      EffectiveAccessResult result, String message, List<String> deniedBy, Long generation) {
    this.result = result;
    this.message = message;
    this.deniedBy = deniedBy == null || deniedBy.isEmpty() ? null : List.copyOf(deniedBy);
    this.checkedGeneration = generation;
  }

  public EffectiveAccessResult getResult() {
    return result;
  }

  public void setResult(EffectiveAccessResult result) {
    this.result = result;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public List<String> getDeniedBy() {
    return deniedBy;
  }

  public void setDeniedBy(List<String> deniedBy) {
    this.deniedBy = deniedBy;
  }

  public Long getCheckedGeneration() {
    return checkedGeneration;
  }

  public void setCheckedGeneration(Long checkedGeneration) {
    this.checkedGeneration = checkedGeneration;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EffectiveAccessStatus other
        && result == other.result
        && Objects.equals(message, other.message)
        && Objects.equals(deniedBy, other.deniedBy)
        && Objects.equals(checkedGeneration, other.checkedGeneration);
  }

  @Override
  public int hashCode() {
    return Objects.hash(result, message, deniedBy, checkedGeneration);
  }
}
