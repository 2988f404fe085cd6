package io.s3share.operator.expiry;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.s3share.operator.kube.Annotations;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The time limits a BucketShare or CrossAccountRole carries itself: its expiry, and when it was
 * last reviewed. Built from the resource without I/O.
 *
 * @param kind e.g. {@code BucketShare}, for messages
 * @param name the resource's name, for the commands messages suggest
 * @param expiresAt spec.expiresAt, if set
 * @param reviewedAt the annotation {@link #REVIEWED_AT}, if set and valid
 * @param reviewedAtProblem why the annotation is ignored, if it is set but not usable
 * @param createdAt when the resource was created; reviews count from here until one is recorded
 */
public record Term(
    String kind,
    String name,
    Optional<Instant> expiresAt,
    Optional<Instant> reviewedAt,
    Optional<String> reviewedAtProblem,
    Instant createdAt) {

  /** RFC 3339 time of the last review of a BucketShare or CrossAccountRole, set by a person. */
  public static final String REVIEWED_AT = "s3share.io/reviewed-at";

  /**
   * The term of {@code resource} as of {@code now}.
   *
   * @param expiresAt the resource's spec.expiresAt, or null
   */
  public static Term of(HasMetadata resource, OffsetDateTime expiresAt, Instant now) {
    Optional<Instant> expiry = Optional.ofNullable(expiresAt).map(OffsetDateTime::toInstant);
    Instant created =
        Optional.ofNullable(resource.getMetadata().getCreationTimestamp())
            .map(Term::parse)
            .orElse(now);
    Optional<String> annotation = Annotations.get(resource, REVIEWED_AT);
    Optional<Instant> reviewed = Optional.empty();
    Optional<String> problem = Optional.empty();
    if (annotation.isPresent()) {
      try {
        Instant at = parse(annotation.get());
        if (at.isAfter(now)) {
          // A review cannot happen in the future; accepting one would postpone the next forever.
          problem = Optional.of("is in the future");
        } else {
          reviewed = Optional.of(at);
        }
      } catch (DateTimeParseException e) {
        problem = Optional.of("is not an RFC 3339 timestamp such as 2030-01-31T18:00:00Z");
      }
    }
    return new Term(
        resource.getKind(),
        resource.getMetadata().getName(),
        expiry,
        reviewed,
        problem.map(p -> "annotation " + REVIEWED_AT + " '" + annotation.get() + "' " + p),
        created);
  }

  /** Parses an RFC 3339 timestamp with an offset, such as {@code 2030-01-31T18:00:00Z}. */
  public static Instant parse(String timestamp) {
    return OffsetDateTime.parse(timestamp, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
  }

  /** Where the review interval counts from: the last review, or the creation until one. */
  Instant reviewBase() {
    return reviewedAt.orElse(createdAt);
  }
}
