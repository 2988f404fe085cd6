package io.s3share.operator.policy;

/** A share request that can never be granted as written: a terminal spec error, not a retry. */
public class InvalidShareException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public InvalidShareException(String message) {
    super(message);
  }
}
