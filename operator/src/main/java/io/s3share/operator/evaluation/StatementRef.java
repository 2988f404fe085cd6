package io.s3share.operator.evaluation;

/**
 * Names one statement that took part in a decision: the document it sits in and its Sid, or its
 * zero-based position as {@code #<index>} when it has no Sid.
 */
public record StatementRef(String document, String id) {

  @Override
  public String toString() {
    return document + "/" + id;
  }
}
