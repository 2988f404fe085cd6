package io.s3share.operator.sharingpolicy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.s3share.operator.api.v1alpha1.AllowedConsumers;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.Consumer;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.ExternalIdSpec;
import io.s3share.operator.api.v1alpha1.ReviewOverdueAction;
import io.s3share.operator.api.v1alpha1.ShareVia;
import io.s3share.operator.api.v1alpha1.SharingMethod;
import io.s3share.operator.api.v1alpha1.SharingPolicy;
import io.s3share.operator.api.v1alpha1.SharingPolicySpec;
import io.s3share.operator.api.v1alpha1.TrustedPrincipal;
import io.s3share.operator.bucketshare.BucketPlanner;
import io.s3share.operator.crossaccountrole.CrossAccountRoleModel;
import io.s3share.operator.guardrail.BucketPattern;
import io.s3share.operator.guardrail.Request;
import io.s3share.operator.guardrail.ReviewRequirement;
import io.s3share.operator.guardrail.Rule;
import io.s3share.operator.guardrail.Selector;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Translates the custom resources into the guardrail's values; no I/O. */
public final class GuardrailRequests {

  private GuardrailRequests() {}

  public static Rule ruleOf(SharingPolicy policy) {
    SharingPolicySpec spec = policy.getSpec();
    AllowedConsumers consumers =
        Optional.ofNullable(spec.getConsumers()).orElseGet(AllowedConsumers::new);
    return new Rule(
        policy.getMetadata().getName(),
        selectorOf(spec.getNamespaceSelector()),
        Set.copyOf(orEmpty(spec.getAccounts())),
        orEmpty(spec.getBuckets()).stream().map(BucketPattern::new).toList(),
        Optional.ofNullable(spec.getPrefixes()).filter(p -> !p.isEmpty()),
        Set.copyOf(orEmpty(consumers.getAccountIds())),
        Set.copyOf(orEmpty(consumers.getOrganizationIds())),
        spec.getMaxAccess(),
        Set.copyOf(orEmpty(spec.getMethods())),
        !Boolean.FALSE.equals(spec.getRequireExternalId()),
        !Boolean.FALSE.equals(spec.getRequireTls()),
        Optional.ofNullable(spec.getMaxDuration()).map(Duration::parse),
        Optional.ofNullable(spec.getReviewEvery())
            .map(
                every ->
                    new ReviewRequirement(
                        policy.getMetadata().getName(),
                        Duration.parse(every),
                        spec.getOnReviewOverdue() == ReviewOverdueAction.Revoke)));
  }

  /** What {@code share} asks for at {@code now}: its expiry counts from then. */
  public static Request of(BucketShare share, Instant now) {
    var spec = share.getSpec();
    return new Request(
        "BucketShare " + BucketPlanner.id(share),
        share.getMetadata().getNamespace(),
        spec.getBucket().getAccountRef(),
        methodsOf(spec.getVia()),
        List.of(
            new Request.Part(
                spec.getBucket().getName(), orEmpty(spec.getPrefixes()), spec.getAccess())),
        orEmpty(spec.getConsumers()).stream().map(GuardrailRequests::principalOf).toList(),
        !Boolean.FALSE.equals(spec.getRequireTls()),
        true,
        lifetime(spec.getExpiresAt(), now));
  }

  /** What {@code role} asks for at {@code now}: its expiry counts from then. */
  public static Request of(CrossAccountRole role, Instant now) {
    var spec = role.getSpec();
    return new Request(
        "CrossAccountRole " + CrossAccountRoleModel.owner(role),
        role.getMetadata().getNamespace(),
        spec.getAccountRef(),
        Set.of(SharingMethod.CrossAccountRole),
        orEmpty(spec.getGrants()).stream()
            .map(g -> new Request.Part(g.getBucket(), orEmpty(g.getPrefixes()), g.getAccess()))
            .toList(),
        orEmpty(spec.getTrustedPrincipals()).stream().map(GuardrailRequests::principalOf).toList(),
        true,
        requiresExternalId(spec.getExternalId()),
        lifetime(spec.getExpiresAt(), now));
  }

  /** How long from {@code now} until {@code expiresAt}; empty when unset. */
  static Optional<Duration> lifetime(OffsetDateTime expiresAt, Instant now) {
    return Optional.ofNullable(expiresAt).map(at -> Duration.between(now, at.toInstant()));
  }

  /**
   * The methods a share may be granted through, all of which a SharingPolicy must allow: Auto
   * chooses between the bucket policy and an access point only at its first grant.
   */
  static Set<SharingMethod> methodsOf(ShareVia via) {
    return switch (via == null ? ShareVia.BucketPolicy : via) {
      case BucketPolicy -> Set.of(SharingMethod.BucketPolicy);
      case AccessPoint -> Set.of(SharingMethod.AccessPoint);
      case Auto -> Set.of(SharingMethod.BucketPolicy, SharingMethod.AccessPoint);
    };
  }

  /** Whether the trust policy will demand an ExternalId: a source is set and not switched off. */
  static boolean requiresExternalId(ExternalIdSpec externalId) {
    return externalId != null
        && !Boolean.FALSE.equals(externalId.getRequired())
        && (externalId.getSecretRef() != null || Boolean.TRUE.equals(externalId.getGenerate()));
  }

  static Selector selectorOf(LabelSelector selector) {
    if (selector == null) {
      // Required by the CRD; a policy without one must select nothing, not everything.
      return new Selector(Map.of(), List.of(new Selector.Expression("", "Invalid", Set.of())));
    }
    Map<String, String> labels =
        selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
    List<Selector.Expression> expressions =
        orEmpty(selector.getMatchExpressions()).stream()
            .map(GuardrailRequests::expressionOf)
            .toList();
    return new Selector(labels, expressions);
  }

  private static Selector.Expression expressionOf(LabelSelectorRequirement r) {
    return new Selector.Expression(r.getKey(), r.getOperator(), Set.copyOf(orEmpty(r.getValues())));
  }

  private static Request.Principal principalOf(Consumer c) {
    return new Request.Principal(c.getAccountId(), c.getRoleArn(), c.getOrganizationId());
  }

  private static Request.Principal principalOf(TrustedPrincipal p) {
    return new Request.Principal(p.getAccountId(), p.getRoleArn(), p.getOrganizationId());
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
