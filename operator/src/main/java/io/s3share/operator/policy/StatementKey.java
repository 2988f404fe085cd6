package io.s3share.operator.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/** What a managed statement is about, minus its principals: the grouping and Sid key. */
public record StatementKey(Permission permission, Grantee.Kind kind) {

  public StatementKey {
    Objects.requireNonNull(permission, "permission");
    Objects.requireNonNull(kind, "kind");
  }

  /**
   * A stable text form, hashed into the Sid. It excludes principals (and org ids) so that adding a
   * grantee keeps the Sid; changing it would change every Sid already written.
   */
  public String canonical() {
    ObjectNode node = PolicyJson.MAPPER.createObjectNode();
    node.put("Effect", "Allow");
    node.put("Kind", kind.name());
    node.set("Action", PolicyJson.array(permission.actions()));
    node.set("Resource", PolicyJson.array(permission.resources()));
    node.set("Condition", permission.conditions().toJson());
    return PolicyJson.write(node);
  }
}
