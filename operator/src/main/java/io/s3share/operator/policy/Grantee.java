package io.s3share.operator.policy;

import java.util.Comparator;
import java.util.Objects;
import java.util.regex.Pattern;

/** Who a share is for: an AWS account or role, or every principal of an AWS Organization. */
public sealed interface Grantee extends Comparable<Grantee>
    permits Grantee.AwsPrincipal, Grantee.Organization, Grantee.AccessPointsOf {

  /** How a grantee is written; grantees of different kinds never share a statement. */
  enum Kind {
    /** Named in {@code "Principal":{"AWS":[arn...]}}. */
    AWS_PRINCIPAL,
    /** {@code "Principal":{"AWS":"*"}} narrowed by the {@code aws:PrincipalOrgID} condition. */
    ORGANIZATION,
    /**
     * {@code "Principal":{"AWS":"*"}} narrowed by {@code s3:DataAccessPointAccount}: requests that
     * come through an access point of the account, which the access point's own policy has already
     * allowed.
     */
    ACCESS_POINTS
  }

  Comparator<Grantee> ORDER = Comparator.comparing(Grantee::kind).thenComparing(Grantee::value);

  Kind kind();

  /** The ARN or organization id, as written into the policy. */
  String value();

  @Override
  default int compareTo(Grantee other) {
    return ORDER.compare(this, other);
  }

  /** The root of an account, i.e. whatever that account's own IAM policies delegate to. */
  static AwsPrincipal account(String accountId) {
    if (accountId == null || !AwsPrincipal.ACCOUNT_ID.matcher(accountId).matches()) {
      throw new InvalidShareException("account id must be 12 digits, got: " + accountId);
    }
    return new AwsPrincipal("arn:aws:iam::" + accountId + ":root");
  }

  static AwsPrincipal role(String roleArn) {
    if (roleArn == null || !AwsPrincipal.ROLE_ARN.matcher(roleArn).matches()) {
      throw new InvalidShareException("not an IAM role ARN: " + roleArn);
    }
    return new AwsPrincipal(roleArn);
  }

  static Organization organization(String orgId) {
    return new Organization(orgId);
  }

  /** Requests through the access points of an account: the bucket policy's delegation. */
  static AccessPointsOf accessPointsOf(String accountId) {
    return new AccessPointsOf(accountId);
  }

  /** An account root ARN or an IAM role ARN. */
  record AwsPrincipal(String arn) implements Grantee {
    static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    static final Pattern ROOT_ARN = Pattern.compile("arn:aws:iam::\\d{12}:root");

    /** The partitions admission accepts (api RoleArns.PARTITIONS); a unit test holds them equal. */
    static final Pattern ROLE_ARN =
        Pattern.compile(
            "arn:aws(?:-cn|-us-gov)?:iam::\\d{12}:role/(?:[\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}");

    public AwsPrincipal {
      Objects.requireNonNull(arn, "arn");
      if (!ROOT_ARN.matcher(arn).matches() && !ROLE_ARN.matcher(arn).matches()) {
        throw new InvalidShareException("not an account root or role ARN: " + arn);
      }
    }

    @Override
    public Kind kind() {
      return Kind.AWS_PRINCIPAL;
    }

    @Override
    public String value() {
      return arn;
    }
  }

  /** Every principal whose account belongs to the given AWS Organization. */
  record Organization(String orgId) implements Grantee {
    static final Pattern ORG_ID = Pattern.compile("o-[a-z0-9]{10,32}");

    public Organization {
      if (orgId == null || !ORG_ID.matcher(orgId).matches()) {
        throw new InvalidShareException("organization id must match o-[a-z0-9]{10,32}: " + orgId);
      }
    }

    @Override
    public Kind kind() {
      return Kind.ORGANIZATION;
    }

    @Override
    public String value() {
      return orgId;
    }
  }

  /** Whatever reaches the bucket through an access point owned by the account. */
  record AccessPointsOf(String accountId) implements Grantee {
    public AccessPointsOf {
      if (accountId == null || !AwsPrincipal.ACCOUNT_ID.matcher(accountId).matches()) {
        throw new InvalidShareException("account id must be 12 digits, got: " + accountId);
      }
    }

    @Override
    public Kind kind() {
      return Kind.ACCESS_POINTS;
    }

    @Override
    public String value() {
      return accountId;
    }
  }
}
