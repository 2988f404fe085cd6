package io.s3share.operator.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The effective-access evaluator: judges one S3 request against the documents that decide it.
 *
 * <p>Combination rules, as AWS documents them:
 *
 * <ol>
 *   <li>A matching Deny in any document (bucket policy, access point policy, key policy, trust
 *       policy, identity policies, permissions boundary) wins: {@link Outcome#EXPLICIT_DENY}.
 *   <li>Same account: a resource policy that names the caller itself (its ARN, {@code *}, a
 *       NotPrincipal leaving it out) allows on its own; otherwise an identity policy must allow. A
 *       grant to the caller's account root only delegates to the account, so its identity policies
 *       must allow as well.
 *   <li>Cross-account: both the resource side and the caller's identity side must allow. We cannot
 *       see another account's identity policies, so an allow that rests on the owner side only
 *       carries {@link Decision#consumerMustAlsoAllow()} ("allowed by the owner side; the consumer
 *       account must also allow it").
 *   <li>Through an access point, the access point policy and the bucket policy must both allow (the
 *       bucket policy usually by a delegation statement on {@code s3:DataAccessPointArn} or {@code
 *       s3:DataAccessPointAccount}, which are set for the request here); each is judged by the two
 *       rules above. Identity policies are judged against the access point ARN.
 *   <li>A permissions boundary intersects the identity policies; for a role it also limits what a
 *       same-account resource policy grants to the role's ARN.
 *   <li>Reading or writing an SSE-KMS object also needs {@code kms:Decrypt} (reads) or {@code
 *       kms:GenerateDataKey} (writes) on the key, and the key policy must allow it even in the
 *       key's own account (a grant to the account root delegates to its identity policies).
 *   <li>Anonymous callers and services have no identity side: a resource policy must name them.
 * </ol>
 *
 * <p>Out of scope, because it is not in the documents given: SCPs and RCPs, VPC endpoint policies,
 * session policies, ACLs and Block Public Access.
 */
public final class Evaluator {

  private Evaluator() {}

  /** Judges a request made directly by its principal. */
  public static Decision evaluate(AccessDocuments documents, AccessRequest request) {
    AccessRequest signed = request.withPrincipalKeys();
    return Combination.decide(signed.principal(), layers(documents, signed), documents.identity());
  }

  /**
   * Judges a request a consumer makes by assuming a role: the trust policy must let the consumer
   * call {@code sts:AssumeRole} (with its {@code sts:ExternalId} and other keys), and the role must
   * be allowed the request by its permissions and the resource side.
   */
  public static Decision evaluateViaRole(
      RoleDocuments role, AccessDocuments documents, AccessRequest consumerRequest) {
    AccessRequest assume =
        consumerRequest
            .withPrincipalKeys()
            .as(consumerRequest.principal(), "sts:AssumeRole", role.roleArn());
    RequestPrincipal rolePrincipal = RequestPrincipal.parse(role.roleArn());
    Layer trust =
        new Layer(
            role.trustPolicy().name(),
            DocumentVerdict.ofResourcePolicy(role.trustPolicy(), assume, false),
            rolePrincipal.accountId(),
            true,
            assume);
    Decision assumed = Combination.decide(assume.principal(), List.of(trust), Optional.empty());
    AccessRequest asRole =
        consumerRequest
            .withoutKey("sts:ExternalId")
            .withoutKey("aws:PrincipalAccount")
            .withoutKey("aws:PrincipalArn")
            .as(rolePrincipal, consumerRequest.action(), consumerRequest.resource());
    Decision access = evaluate(documents.withIdentity(role.permissions()), asRole);
    return both(assumed, access);
  }

  private static Decision both(Decision first, Decision second) {
    for (Outcome outcome : List.of(Outcome.EXPLICIT_DENY, Outcome.IMPLICIT_DENY)) {
      List<StatementRef> refs = new ArrayList<>();
      List<String> why = new ArrayList<>();
      for (Decision d : List.of(first, second)) {
        if (d.outcome() == outcome) {
          refs.addAll(d.statements());
          why.add(d.explanation());
        }
      }
      if (!why.isEmpty()) {
        return new Decision(outcome, refs, false, String.join("; ", why));
      }
    }
    LinkedHashSet<StatementRef> refs = new LinkedHashSet<>(first.statements());
    refs.addAll(second.statements());
    boolean consumer = first.consumerMustAlsoAllow() || second.consumerMustAlsoAllow();
    return new Decision(
        Outcome.ALLOW,
        List.copyOf(refs),
        consumer,
        consumer ? Decision.CONSUMER_NOTE : "allowed by " + List.copyOf(refs));
  }

  private static List<Layer> layers(AccessDocuments documents, AccessRequest request) {
    boolean hasBoundary = documents.identity().map(i -> i.boundary().isPresent()).orElse(false);
    List<Layer> layers = new ArrayList<>();
    // The bucket policy always sees the bucket-form resource; identity policies see the resource
    // the caller addressed, which is the access point ARN when there is one.
    AccessRequest bucketRequest = request;
    AccessRequest addressed = request;
    if (documents.accessPoint().isPresent()) {
      AccessPointDocuments ap = documents.accessPoint().get();
      bucketRequest =
          request
              .withDefault("s3:DataAccessPointArn", ap.arn())
              .withDefault("s3:DataAccessPointAccount", ap.accountId());
      addressed = bucketRequest.at(ap.resourceFor(request.resource()));
      layers.add(
          new Layer(
              "access-point-policy",
              resourceVerdict(ap.policy(), addressed, hasBoundary),
              ap.accountId(),
              false,
              addressed));
    }
    layers.add(
        new Layer(
            "bucket-policy",
            resourceVerdict(documents.bucketPolicy(), bucketRequest, hasBoundary),
            documents.bucketOwnerAccountId(),
            false,
            addressed));
    Optional<String> kmsAction = kmsAction(request.action());
    if (documents.kmsKey().isPresent() && kmsAction.isPresent()) {
      KmsKeyDocuments key = documents.kmsKey().get();
      AccessRequest kmsRequest =
          bucketRequest
              .as(request.principal(), kmsAction.get(), key.keyArn())
              .withDefault("kms:ViaService", "s3." + key.region() + ".amazonaws.com")
              .withDefault("kms:EncryptionContext:aws:s3:arn", request.resource());
      layers.add(
          new Layer(
              key.policy().name(),
              DocumentVerdict.ofResourcePolicy(key.policy(), kmsRequest, hasBoundary),
              key.accountId(),
              true,
              kmsRequest));
    }
    return layers;
  }

  private static DocumentVerdict resourceVerdict(
      Optional<PolicyDocument> policy, AccessRequest request, boolean hasBoundary) {
    return policy
        .map(p -> DocumentVerdict.ofResourcePolicy(p, request, hasBoundary))
        .orElse(DocumentVerdict.NOTHING);
  }

  /** The KMS call S3 makes on the caller's behalf for an SSE-KMS object, if any. */
  static Optional<String> kmsAction(String s3Action) {
    return switch (s3Action.toLowerCase(Locale.ROOT)) {
      case "s3:getobject", "s3:getobjectversion" -> Optional.of("kms:Decrypt");
      case "s3:putobject" -> Optional.of("kms:GenerateDataKey");
      default -> Optional.empty();
    };
  }
}
