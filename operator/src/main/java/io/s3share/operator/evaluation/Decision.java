package io.s3share.operator.evaluation;

import java.util.List;

/**
 * The evaluator's answer for one request.
 *
 * @param outcome allow, explicit deny or implicit deny
 * @param statements the statements that decided it: the matching Denies for an explicit deny, the
 *     Allows that together grant it for an allow, none for an implicit deny
 * @param consumerMustAlsoAllow true for an allow that rests on the owner side only: the caller's
 *     own account, whose identity policies we cannot see, must also allow the request
 * @param explanation one sentence for people: what decided it, or what is missing
 */
public record Decision(
    Outcome outcome,
    List<StatementRef> statements,
    boolean consumerMustAlsoAllow,
    String explanation) {

  public static final String CONSUMER_NOTE =
      "allowed by the owner side; the consumer account must also allow it";

  public Decision {
    statements = List.copyOf(statements);
  }

  public boolean allowed() {
    return outcome == Outcome.ALLOW;
  }

  static Decision explicitDeny(List<StatementRef> denies) {
    return new Decision(Outcome.EXPLICIT_DENY, denies, false, "explicitly denied by " + denies);
  }

  static Decision implicitDeny(String missing) {
    return new Decision(Outcome.IMPLICIT_DENY, List.of(), false, missing);
  }
}
