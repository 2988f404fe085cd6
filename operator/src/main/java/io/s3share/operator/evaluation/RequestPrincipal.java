package io.s3share.operator.evaluation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who makes a request: an account (its root identity, standing for "a principal of that account
 * that its own policies permit"), an IAM role or user, a service, or an anonymous caller.
 */
public record RequestPrincipal(Kind kind, String accountId, String arn) {

  /** The kinds of caller the evaluator distinguishes. */
  public enum Kind {
    ACCOUNT,
    IAM_ENTITY,
    SERVICE,
    ANONYMOUS
  }

  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  private static final Pattern ROOT = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):root");
  private static final Pattern ENTITY =
      Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):(role|user)/.+");

  /**
   * Reads a 12-digit account id, {@code arn:aws:iam::<id>:root}, a role or user ARN, a service name
   * such as {@code logging.s3.amazonaws.com}, or {@code anonymous}.
   */
  public static RequestPrincipal parse(String text) {
    if (text == null || text.isBlank() || text.equals("anonymous") || text.equals("*")) {
      return new RequestPrincipal(Kind.ANONYMOUS, null, null);
    }
    if (ACCOUNT_ID.matcher(text).matches()) {
      return account(text);
    }
    Matcher root = ROOT.matcher(text);
    if (root.matches()) {
      return account(root.group(1));
    }
    Matcher entity = ENTITY.matcher(text);
    if (entity.matches()) {
      return new RequestPrincipal(Kind.IAM_ENTITY, entity.group(1), text);
    }
    if (text.endsWith(".amazonaws.com")) {
      return new RequestPrincipal(Kind.SERVICE, null, text);
    }
    throw new IllegalArgumentException(
        "principal '"
            + text
            + "' is not an account id, an arn:aws:iam::<id>:root, a role or user ARN,"
            + " a service name ending in .amazonaws.com, or 'anonymous'");
  }

  public static RequestPrincipal account(String accountId) {
    return new RequestPrincipal(Kind.ACCOUNT, accountId, "arn:aws:iam::" + accountId + ":root");
  }

  /** The account root ARN that stands for this principal's account in policies. */
  public String rootArn() {
    return accountId == null ? null : "arn:aws:iam::" + accountId + ":root";
  }

  /** True when this principal can be signed for by an account (not anonymous, not a service). */
  public boolean hasAccount() {
    return accountId != null;
  }
}
