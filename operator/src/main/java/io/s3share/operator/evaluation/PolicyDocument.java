package io.s3share.operator.evaluation;

import java.util.List;

/** A parsed policy document: its name in decisions (e.g. {@code bucket-policy}) and statements. */
public record PolicyDocument(String name, List<Statement> statements) {

  public PolicyDocument {
    statements = List.copyOf(statements);
  }

  /** Parses policy JSON text; see {@link PolicyParser}. */
  public static PolicyDocument parse(String name, String json) {
    return PolicyParser.parse(name, json);
  }
}
