package io.s3share.operator.evaluation;

/** Short policy JSON for tests: single quotes stand for double quotes. */
final class Docs {

  static final String OWNER = "111111111111";
  static final String CONSUMER = "222222222222";
  static final String BUCKET = "arn:aws:s3:::shared-data";
  static final String OBJECT = BUCKET + "/reports/2024.csv";
  static final String ROLE = "arn:aws:iam::" + CONSUMER + ":role/reader";
  static final String OWNER_ROLE = "arn:aws:iam::" + OWNER + ":role/app";

  private Docs() {}

  static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  /** A policy of the given statements (each already JSON, single-quoted). */
  static String policy(String... statements) {
    return json("{'Version':'2012-10-17','Statement':[" + String.join(",", statements) + "]}");
  }

  static AccessDocuments bucket(String... statements) {
    return AccessDocuments.forBucket(OWNER, policy(statements));
  }

  static Decision judge(AccessDocuments documents, AccessRequest request) {
    return Evaluator.evaluate(documents, request);
  }
}
