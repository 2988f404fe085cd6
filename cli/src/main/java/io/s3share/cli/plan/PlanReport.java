package io.s3share.cli.plan;

import java.util.List;

/** What applying the manifests would do: each manifest's verdict, and each AWS change. */
public record PlanReport(List<Verdict> verdicts, List<Change> changes) {

  public PlanReport {
    verdicts = List.copyOf(verdicts);
    changes = List.copyOf(changes);
  }

  /** How the cluster would take one manifest. */
  public enum Admission {
    /** The API server accepts it and the SharingPolicies allow it. */
    allowed,
    /** The API server accepts it, but no SharingPolicy allows it: the operator grants nothing. */
    denied,
    /** The API server refuses it (CRD schema, CEL rules, admission). */
    invalid,
    /** Removed from the manifests, planned as deleted ({@code --prune}). */
    removed
  }

  /**
   * @param resource {@code Kind namespace/name}
   * @param message why it is denied or invalid; empty when allowed
   */
  public record Verdict(String resource, Admission admission, String message) {}

  /**
   * One AWS document or resource that would change.
   *
   * @param target e.g. {@code bucket policy 111122223333/data}, {@code role s3share-team-a}
   * @param action create, update, delete or a list of IAM calls
   * @param diff a unified diff of the pretty-printed JSON; empty when there is none to show
   * @param notes what else a reviewer should know (shares left out, roles not ours)
   */
  public record Change(String target, String action, String diff, List<String> notes) {
    public Change {
      notes = List.copyOf(notes);
    }
  }

  /** True when every manifest is accepted and allowed. */
  public boolean clean() {
    return verdicts.stream()
        .noneMatch(v -> v.admission() == Admission.denied || v.admission() == Admission.invalid);
  }
}
