package io.s3share.operator.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.stream.Collectors;

/** A bucket-policy statement this operator owns: one key and every grantee that shares it. */
public record ManagedStatement(String sid, StatementKey key, SortedSet<Grantee> grantees) {

  static final String PRINCIPAL_ORG_ID = "aws:PrincipalOrgID";
  static final String DATA_ACCESS_POINT_ACCOUNT = "s3:DataAccessPointAccount";

  public ManagedStatement {
    Objects.requireNonNull(sid, "sid");
    Objects.requireNonNull(key, "key");
    grantees = Sorted.copyOf(Objects.requireNonNull(grantees, "grantees"));
    if (grantees.isEmpty()) {
      throw new IllegalArgumentException("a managed statement needs at least one grantee");
    }
    if (grantees.stream().anyMatch(g -> g.kind() != key.kind())) {
      throw new IllegalArgumentException("all grantees of " + sid + " must be " + key.kind());
    }
  }

  /** The statement JSON; organizations become {@code "AWS":"*"} plus a PrincipalOrgID test. */
  public ObjectNode toJson() {
    Permission permission = key.permission();
    List<String> values = grantees.stream().map(Grantee::value).toList();
    ObjectNode principal = PolicyJson.MAPPER.createObjectNode();
    if (key.kind() == Grantee.Kind.ORGANIZATION) {
      principal.put("AWS", "*");
      return permission.statement(
          sid,
          principal,
          permission.conditions().with(Conditions.STRING_EQUALS, PRINCIPAL_ORG_ID, values));
    }
    if (key.kind() == Grantee.Kind.ACCESS_POINTS) {
      principal.put("AWS", "*");
      return permission.statement(
          sid,
          principal,
          permission
              .conditions()
              .with(Conditions.STRING_EQUALS, DATA_ACCESS_POINT_ACCOUNT, values));
    }
    principal.set("AWS", PolicyJson.array(values));
    return permission.statement(sid, principal, permission.conditions());
  }

  /** The grants this statement stands for, one per grantee. */
  public Set<Grant> grants() {
    return grantees.stream()
        .map(grantee -> new Grant(grantee, key.permission()))
        .collect(Collectors.toUnmodifiableSet());
  }
}
