package io.s3share.operator.evaluation;

import io.s3share.operator.evaluation.CrossCheckCase.Mode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates cross-check cases from a seed: policies built from small pools of principals, actions,
 * resources (mixed case included) and conditions over the operators the evaluator supports, and
 * requests whose context keys are often missing.
 */
final class CrossCheckGenerator {

  static final String OWNER = "111111111111";
  static final String C1 = "222222222222";
  static final String C2 = "333333333333";
  static final String READER = "arn:aws:iam::" + C1 + ":role/reader";
  static final String OWNER_APP = "arn:aws:iam::" + OWNER + ":role/app";

  private static final List<String> RESOURCE_CALLERS =
      List.of(
          C1,
          C2,
          READER,
          "arn:aws:iam::" + C1 + ":role/Reader",
          "arn:aws:iam::" + C2 + ":role/writer");
  private static final List<String> FULL_CALLERS = List.of(OWNER_APP, READER);
  private static final List<String> AWS_VALUES =
      List.of(
          C1,
          "arn:aws:iam::" + C1 + ":root",
          C2,
          "arn:aws:iam::" + C2 + ":root",
          OWNER,
          READER,
          "arn:aws:iam::" + C1 + ":role/Reader",
          "arn:aws:iam::" + C2 + ":role/writer",
          OWNER_APP);
  private static final List<String> ACTION_PATTERNS =
      List.of(
          "s3:GetObject",
          "s3:getobject",
          "S3:GET*",
          "s3:Get?bject",
          "s3:*",
          "*",
          "s3:List*",
          "s3:PutObject",
          "s3:ListBucket",
          "s3:Delete*");
  private static final List<String> ACTIONS =
      List.of(
          "s3:GetObject",
          "s3:PutObject",
          "s3:ListBucket",
          "s3:DeleteObject",
          "s3:GetObjectVersion");
  private static final String B = "arn:aws:s3:::data-bkt";
  private static final List<String> RESOURCE_PATTERNS =
      List.of(
          B,
          B + "/*",
          B + "/reports/*",
          B + "/Reports/*",
          B + "/reports/a.csv",
          "arn:aws:s3:::DATA-BKT/*",
          "arn:aws:s3:::data-*",
          "*",
          B + "/?eports/*",
          "arn:aws:s3:::other/*");
  private static final List<String> RESOURCES =
      List.of(
          B,
          B + "/reports/a.csv",
          B + "/Reports/a.csv",
          B + "/logs/x.txt",
          "arn:aws:s3:::other/reports/a.csv");
  private static final List<String> STRING_OPS =
      List.of(
          "StringEquals",
          "StringNotEquals",
          "StringEqualsIgnoreCase",
          "StringNotEqualsIgnoreCase",
          "StringLike",
          "StringNotLike");
  private static final List<String> ARN_OPS =
      List.of("ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike");
  private static final List<String> QUALIFIED_OPS =
      List.of(
          "StringEquals",
          "StringNotEquals",
          "StringLike",
          "StringNotLike",
          "StringEqualsIgnoreCase");

  static final String TRUSTING_ROLE = "arn:aws:iam::" + OWNER + ":role/s3share-reader";
  static final String KEY = "arn:aws:kms:us-east-1:" + OWNER + ":key/k1";
  private static final List<String> STRICT_ACTION_PATTERNS =
      List.of(
          "sts:AssumeRole",
          "STS:assumerole",
          "sts:*",
          "sts:Tag*",
          "kms:Decrypt",
          "kms:*",
          "kms:GenerateDataKey*",
          "*");
  private static final List<String> STRICT_RESOURCE_PATTERNS =
      List.of(
          TRUSTING_ROLE,
          "arn:aws:iam::" + OWNER + ":role/S3share-*",
          "arn:aws:iam::*:role/*",
          KEY,
          "arn:aws:kms:*:" + OWNER + ":key/*",
          "arn:aws:kms:us-east-1:" + OWNER + ":key/K1",
          "*");

  private final Random random;
  // The vocabulary of the case being generated: S3 requests, or role and key requests.
  private List<String> actionPatterns = ACTION_PATTERNS;
  private List<String> resourcePatterns = RESOURCE_PATTERNS;
  private boolean trustPolicy;

  CrossCheckGenerator(long seed) {
    this.random = new Random(seed);
  }

  List<CrossCheckCase> cases(int count) {
    List<CrossCheckCase> cases = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int kind = random.nextInt(5);
      actionPatterns = kind < 4 ? ACTION_PATTERNS : STRICT_ACTION_PATTERNS;
      resourcePatterns = kind < 4 ? RESOURCE_PATTERNS : STRICT_RESOURCE_PATTERNS;
      cases.add(kind < 2 ? resourceCase() : kind < 4 ? fullCase() : strictCase());
    }
    return cases;
  }

  private CrossCheckCase resourceCase() {
    String caller = pick(RESOURCE_CALLERS);
    return new CrossCheckCase(
        Mode.RESOURCE,
        OWNER,
        caller,
        pick(ACTIONS),
        pick(RESOURCES),
        context(caller, false),
        policy(true, 1 + random.nextInt(3)),
        List.of(),
        null);
  }

  private CrossCheckCase fullCase() {
    String caller = pick(FULL_CALLERS);
    Map<String, Object> boundary = null;
    if (random.nextBoolean()) {
      Map<String, Object> ceiling = new LinkedHashMap<>();
      ceiling.put("Effect", "Allow");
      ceiling.put("Action", pick(List.of("s3:*", "s3:Get*", "s3:List*", "*")));
      ceiling.put("Resource", "*");
      boundary = document(List.of(ceiling));
    }
    return new CrossCheckCase(
        Mode.FULL,
        OWNER,
        caller,
        pick(ACTIONS),
        pick(RESOURCES),
        context(caller, true),
        policy(true, 1 + random.nextInt(3)),
        List.of(policy(false, 1 + random.nextInt(2))),
        boundary);
  }

  /**
   * A request that the resource policy must allow even in its own account: assuming a role (against
   * its trust policy) or using a KMS key (against its key policy).
   */
  private CrossCheckCase strictCase() {
    String caller = pick(FULL_CALLERS);
    boolean role = random.nextBoolean();
    trustPolicy = role;
    Map<String, Object> resourcePolicy = policy(true, 1 + random.nextInt(3));
    trustPolicy = false;
    Map<String, List<String>> context = context(caller, true);
    if (role && random.nextBoolean()) {
      context.put("sts:ExternalId", List.of(pick(List.of("ext-1", "ext-2"))));
    }
    if (!role && random.nextBoolean()) {
      context.put(
          "kms:ViaService",
          List.of(pick(List.of("s3.us-east-1.amazonaws.com", "sqs.us-east-1.amazonaws.com"))));
    }
    return new CrossCheckCase(
        Mode.STRICT,
        OWNER,
        caller,
        role
            ? pick(List.of("sts:AssumeRole", "sts:TagSession"))
            : pick(List.of("kms:Decrypt", "kms:GenerateDataKey")),
        role ? TRUSTING_ROLE : KEY,
        context,
        resourcePolicy,
        List.of(policy(false, 1 + random.nextInt(2))),
        random.nextInt(3) == 0
            ? document(
                List.of(
                    Map.of(
                        "Effect",
                        "Allow",
                        "Action",
                        pick(List.of("sts:*", "kms:*", "*")),
                        "Resource",
                        "*")))
            : null);
  }

  private Map<String, Object> policy(boolean withPrincipal, int statements) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (int i = 0; i < statements; i++) {
      list.add(statement(withPrincipal, i));
    }
    return document(list);
  }

  private static Map<String, Object> document(List<Map<String, Object>> statements) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("Version", "2012-10-17");
    doc.put("Statement", statements);
    return doc;
  }

  private Map<String, Object> statement(boolean withPrincipal, int index) {
    Map<String, Object> s = new LinkedHashMap<>();
    if (random.nextBoolean()) {
      s.put("Sid", "S" + index);
    }
    s.put("Effect", random.nextInt(4) == 0 ? "Deny" : "Allow");
    if (withPrincipal && random.nextInt(10) == 0) {
      // NotPrincipal "*" would leave everyone out; AWS policies list principals there.
      s.put("NotPrincipal", Map.of("AWS", stringOrList(AWS_VALUES, 3)));
    } else if (withPrincipal) {
      s.put("Principal", principalElement());
    }
    s.put(random.nextInt(7) == 0 ? "NotAction" : "Action", stringOrList(actionPatterns, 2));
    if (!trustPolicy) {
      // Trust policies name no Resource: the role itself is the resource.
      s.put(
          random.nextInt(10) == 0 ? "NotResource" : "Resource", stringOrList(resourcePatterns, 2));
    }
    Map<String, Map<String, Object>> condition = new LinkedHashMap<>();
    int clauses = random.nextInt(5) < 2 ? 0 : 1 + random.nextInt(2);
    for (int i = 0; i < clauses; i++) {
      clause(condition);
    }
    if (!condition.isEmpty()) {
      s.put("Condition", condition);
    }
    return s;
  }

  private Object principalElement() {
    return switch (random.nextInt(8)) {
      case 0 -> "*";
      case 1 -> Map.of("AWS", "*");
      default -> Map.of("AWS", stringOrList(AWS_VALUES, 3));
    };
  }

  private void clause(Map<String, Map<String, Object>> condition) {
    String operator;
    String key;
    Object values;
    switch (random.nextInt(10)) {
      case 0 -> {
        operator = ifExists("Bool");
        key = "aws:SecureTransport";
        values = pick(List.of("true", "false"));
      }
      case 1 -> {
        operator = ifExists(pick(STRING_OPS));
        key = "aws:PrincipalOrgID";
        values = stringOrList(List.of("o-abc123", "o-ABC123", "o-abc*", "o-?bc123", "o-zzz"), 2);
      }
      case 2 -> {
        operator = ifExists(pick(STRING_OPS));
        key = "s3:prefix";
        values = stringOrList(List.of("reports/", "reports/*", "Reports/*", "logs/?"), 2);
      }
      case 3 -> {
        operator = ifExists(pick(ARN_OPS));
        key = "aws:PrincipalArn";
        values =
            stringOrList(
                List.of(
                    "arn:aws:iam::" + C1 + ":role/*",
                    "arn:aws:iam::*:role/reader",
                    "arn:aws:iam::" + C1 + ":role/READER",
                    "arn:aws:iam::" + OWNER + ":role/app"),
                2);
      }
      case 4 -> {
        operator = ifExists(pick(List.of("IpAddress", "NotIpAddress")));
        key = "aws:SourceIp";
        values = stringOrList(List.of("10.0.0.0/8", "203.0.113.0/24", "198.51.100.7/32"), 2);
      }
      case 5 -> {
        operator = "Null";
        key = pick(List.of("aws:PrincipalOrgID", "s3:prefix", "aws:SourceIp", "aws:TagKeys"));
        values = pick(List.of("true", "false"));
      }
      case 6 -> {
        operator = pick(List.of("ForAnyValue:", "ForAllValues:")) + pick(QUALIFIED_OPS);
        key = "aws:TagKeys";
        values = stringOrList(List.of("team", "env", "Team", "t*"), 2);
      }
      case 7 -> {
        operator =
            pick(
                List.of(
                    "NumericLessThanEquals",
                    "NumericEquals",
                    "NumericNotEquals",
                    "NumericGreaterThan"));
        key = "s3:max-keys";
        values = stringOrList(List.of("10", "100"), 2);
      }
      case 8 -> {
        operator = ifExists(pick(STRING_OPS));
        key = pick(List.of("sts:ExternalId", "kms:ViaService"));
        values =
            stringOrList(
                List.of(
                    "ext-1", "ext-*", "EXT-1", "s3.us-east-1.amazonaws.com", "s3.*.amazonaws.com"),
                2);
      }
      default -> {
        operator = ifExists(pick(List.of("StringEquals", "StringNotEquals")));
        key = "aws:PrincipalAccount";
        values = stringOrList(List.of(C1, C2, OWNER), 2);
      }
    }
    condition.computeIfAbsent(operator, k -> new LinkedHashMap<>()).put(key, values);
  }

  private Map<String, List<String>> context(String caller, boolean full) {
    Map<String, List<String>> context = new LinkedHashMap<>();
    if (full || random.nextBoolean()) {
      context.put("aws:SecureTransport", List.of(pick(List.of("true", "false"))));
    }
    maybe(context, "aws:PrincipalOrgID", List.of("o-abc123", "o-ABC123", "o-zzz"));
    maybe(context, "s3:prefix", List.of("reports/", "reports/2024", "Reports/x", "logs/a"));
    maybe(context, "aws:SourceIp", List.of("10.1.2.3", "203.0.113.9", "192.0.2.1"));
    maybe(context, "s3:max-keys", List.of("5", "10", "1000"));
    if (random.nextBoolean()) {
      List<String> tags = new ArrayList<>();
      int n = 1 + random.nextInt(3);
      for (int i = 0; i < n; i++) {
        String tag = pick(List.of("team", "env", "Team", "owner"));
        if (!tags.contains(tag)) {
          tags.add(tag);
        }
      }
      context.put("aws:TagKeys", tags);
    }
    RequestPrincipal principal = RequestPrincipal.parse(caller);
    context.put("aws:PrincipalAccount", List.of(principal.accountId()));
    if (principal.kind() == RequestPrincipal.Kind.IAM_ENTITY) {
      context.put("aws:PrincipalArn", List.of(caller));
    }
    return context;
  }

  private void maybe(Map<String, List<String>> context, String key, List<String> pool) {
    if (random.nextInt(5) < 3) {
      context.put(key, List.of(pick(pool)));
    }
  }

  private String ifExists(String operator) {
    return random.nextInt(4) == 0 ? operator + "IfExists" : operator;
  }

  /** One value as a plain string, or one to max values as an array: IAM accepts both. */
  private Object stringOrList(List<String> pool, int max) {
    int n = 1 + random.nextInt(max);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String value = pick(pool);
      if (!values.contains(value)) {
        values.add(value);
      }
    }
    return values.size() == 1 && random.nextBoolean() ? values.get(0) : values;
  }

  private <T> T pick(List<T> pool) {
    return pool.get(random.nextInt(pool.size()));
  }
}
