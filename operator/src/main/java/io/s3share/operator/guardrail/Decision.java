package io.s3share.operator.guardrail;

import java.util.List;
import java.util.Optional;

/**
 * The guardrail's verdict on one request.
 *
 * @param allowedBy the policies that each allow the request on their own (empty: denied)
 * @param considered the policies that select the request's namespace
 * @param message why it is denied, naming what is not allowed and by which policy; empty when
 *     allowed
 * @param review the review the allowing policies ask for; empty when one of them asks for none
 */
public record Decision(
    List<String> allowedBy,
    List<String> considered,
    String message,
    Optional<ReviewRequirement> review) {

  public static final String DENIED_REASON = "DeniedBySharingPolicy";

  /** A decision that asks for no review. */
  public Decision(List<String> allowedBy, List<String> considered, String message) {
    this(allowedBy, considered, message, Optional.empty());
  }

  public Decision {
    allowedBy = List.copyOf(allowedBy);
    considered = List.copyOf(considered);
  }

  public static Decision allowedWithoutPolicies() {
    return new Decision(List.of("(SharingPolicies disabled)"), List.of(), "");
  }

  public boolean allowed() {
    return !allowedBy.isEmpty();
  }
}
