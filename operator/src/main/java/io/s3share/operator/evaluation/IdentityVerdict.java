package io.s3share.operator.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the caller's identity side says about one request, when we can see it. */
record IdentityVerdict(
    State state, List<StatementRef> denies, List<StatementRef> allows, boolean boundaryBlocks) {

  /** UNKNOWN: another account's identity policies, which we cannot read. */
  enum State {
    ALLOW,
    IMPLICIT_DENY,
    UNKNOWN,
    NOT_APPLICABLE
  }

  static IdentityVerdict of(Optional<IdentityDocuments> identity, AccessRequest request) {
    if (!request.principal().hasAccount()) {
      return new IdentityVerdict(State.NOT_APPLICABLE, List.of(), List.of(), false);
    }
    if (identity.isEmpty()) {
      return new IdentityVerdict(State.UNKNOWN, List.of(), List.of(), false);
    }
    List<StatementRef> denies = new ArrayList<>();
    List<StatementRef> allows = new ArrayList<>();
    for (PolicyDocument policy : identity.get().policies()) {
      DocumentVerdict verdict = DocumentVerdict.ofIdentityPolicy(policy, request);
      denies.addAll(verdict.denies());
      allows.addAll(verdict.allows());
    }
    boolean boundaryBlocks = false;
    if (identity.get().boundary().isPresent()) {
      DocumentVerdict boundary =
          DocumentVerdict.ofIdentityPolicy(identity.get().boundary().get(), request);
      denies.addAll(boundary.denies());
      boundaryBlocks = !boundary.allowsAny();
      if (!allows.isEmpty()) {
        allows.addAll(boundary.allows());
      }
    }
    State state = !allows.isEmpty() && !boundaryBlocks ? State.ALLOW : State.IMPLICIT_DENY;
    return new IdentityVerdict(state, denies, allows, boundaryBlocks);
  }
}
