package io.s3share.operator.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Combines resource-side layers with the caller's identity side; the rules are on {@link
 * Evaluator}.
 */
final class Combination {

  private Combination() {}

  static Decision decide(
      RequestPrincipal caller, List<Layer> layers, Optional<IdentityDocuments> identity) {
    Map<AccessRequest, IdentityVerdict> identities = new HashMap<>();
    for (Layer layer : layers) {
      identities.computeIfAbsent(layer.identityRequest(), r -> IdentityVerdict.of(identity, r));
    }
    List<StatementRef> denies = new ArrayList<>();
    layers.forEach(layer -> denies.addAll(layer.verdict().denies()));
    identities.values().forEach(verdict -> denies.addAll(verdict.denies()));
    if (!denies.isEmpty()) {
      return Decision.explicitDeny(List.copyOf(new LinkedHashSet<>(denies)));
    }
    Set<StatementRef> allows = new LinkedHashSet<>();
    boolean consumerMustAllow = false;
    for (Layer layer : layers) {
      IdentityVerdict id = identities.get(layer.identityRequest());
      PrincipalMatch grant = layer.verdict().strongestGrant();
      if (!caller.hasAccount()) {
        // Anonymous callers and services have no identity side: the resource must name them.
        if (grant != PrincipalMatch.DIRECT) {
          return Decision.implicitDeny(
              layer.name() + " has no statement that allows " + who(caller));
        }
        allows.addAll(layer.verdict().allows());
        continue;
      }
      boolean sameAccount = caller.accountId().equals(layer.ownerAccountId());
      if (grant == PrincipalMatch.DIRECT && sameAccount && !id.boundaryBlocks()) {
        allows.addAll(layer.verdict().allows());
        continue;
      }
      if (grant == PrincipalMatch.NONE && (!sameAccount || layer.strict())) {
        return Decision.implicitDeny(
            layer.name()
                + " has no statement that allows "
                + who(caller)
                + (sameAccount ? "; it must, even within its own account" : ""));
      }
      switch (id.state()) {
        case ALLOW -> {
          allows.addAll(layer.verdict().allows());
          allows.addAll(id.allows());
        }
        case UNKNOWN -> {
          if (grant == PrincipalMatch.NONE) {
            return Decision.implicitDeny(
                layer.name() + " has no statement that allows " + who(caller));
          }
          allows.addAll(layer.verdict().allows());
          // Only another account's caller, or an account-wide grant, gets here with UNKNOWN.
          consumerMustAllow = true;
        }
        default -> {
          return Decision.implicitDeny(identityMissing(layer, id, grant));
        }
      }
    }
    String explanation =
        consumerMustAllow ? Decision.CONSUMER_NOTE : "allowed by " + List.copyOf(allows);
    return new Decision(Outcome.ALLOW, List.copyOf(allows), consumerMustAllow, explanation);
  }

  private static String identityMissing(Layer layer, IdentityVerdict id, PrincipalMatch grant) {
    String side =
        id.boundaryBlocks() ? "the permissions boundary does not" : "no identity policy does";
    return grant == PrincipalMatch.NONE
        ? "neither " + layer.name() + " nor an identity policy allows it"
        : layer.name() + " allows it, but " + side;
  }

  private static String who(RequestPrincipal caller) {
    return switch (caller.kind()) {
      case ANONYMOUS -> "anonymous callers";
      case SERVICE, IAM_ENTITY -> caller.arn();
      case ACCOUNT -> "account " + caller.accountId();
    };
  }
}
