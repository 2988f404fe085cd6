package io.s3share.operator.bucketshare;

import io.s3share.operator.api.v1alpha1.EffectiveAccessResult;
import io.s3share.operator.api.v1alpha1.EffectiveAccessStatus;
import io.s3share.operator.evaluation.Decision;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Sums a check's findings up into {@code status.effectiveAccess}: the worst result, its findings
 * (the first few, in a fixed order so that status changes only when the outcome does), its Sids.
 */
final class VerificationSummary {

  /** Worst first: the order in which results decide the summary. */
  private static final List<EffectiveAccessResult> SEVERITY =
      List.of(
          EffectiveAccessResult.Shadowed,
          EffectiveAccessResult.KeyDenies,
          EffectiveAccessResult.NotGranted,
          EffectiveAccessResult.Unverifiable,
          EffectiveAccessResult.Conditional,
          EffectiveAccessResult.Wider);

  private static final int SHOWN = 3;

  private VerificationSummary() {}

  static EffectiveAccessStatus of(
      List<ShareVerification.Finding> findings, boolean consumerMustAlsoAllow, long generation) {
    String caveat = consumerMustAlsoAllow ? " " + capitalised(Decision.CONSUMER_NOTE) + "." : "";
    if (findings.isEmpty()) {
      return new EffectiveAccessStatus(
          EffectiveAccessResult.Verified,
          "Every consumer can make every request this share grants, and no more." + caveat,
          List.of(),
          generation);
    }
    EffectiveAccessResult worst =
        findings.stream()
            .map(ShareVerification.Finding::result)
            .min(Comparator.comparingInt(SEVERITY::indexOf))
            .orElseThrow();
    List<ShareVerification.Finding> chosen =
        findings.stream().filter(f -> f.result() == worst).distinct().toList();
    TreeSet<String> sids = new TreeSet<>();
    chosen.forEach(f -> sids.addAll(f.sids()));
    StringBuilder message = new StringBuilder(lead(worst));
    chosen.stream().limit(SHOWN).forEach(f -> message.append(' ').append(f.message()).append('.'));
    if (chosen.size() > SHOWN) {
      message.append(" And ").append(chosen.size() - SHOWN).append(" more like these.");
    }
    message.append(advice(worst));
    if (worst == EffectiveAccessResult.Wider || worst == EffectiveAccessResult.Conditional) {
      message.append(caveat);
    }
    return new EffectiveAccessStatus(worst, message.toString(), List.copyOf(sids), generation);
  }

  private static String lead(EffectiveAccessResult result) {
    return switch (result) {
      case Shadowed -> "A statement this operator does not own denies what the share grants.";
      case KeyDenies -> "The bucket's default KMS key keeps consumers from its objects.";
      case NotGranted -> "The policies read back do not grant what the share declares.";
      case Unverifiable -> "The share's access could not be verified.";
      case Conditional ->
          "A statement this operator does not own denies what the share grants under a"
              + " condition.";
      case Wider -> "Statements this operator does not own give consumers more than declared.";
      case Verified -> "";
    };
  }

  private static String advice(EffectiveAccessResult result) {
    return switch (result) {
      case Shadowed ->
          " Remove or narrow that statement in the bucket's policy, or stop sharing what it"
              + " denies.";
      case NotGranted -> " The operator writes its statements again at the next resync.";
      case Conditional ->
          " Consumers must make their requests so that the condition holds (for example through"
              + " the VPC endpoint it names).";
      case Wider -> " The share itself grants only what it declares; review those statements.";
      default -> "";
    };
  }

  private static String capitalised(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
