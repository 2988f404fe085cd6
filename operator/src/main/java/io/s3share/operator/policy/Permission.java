package io.s3share.operator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Objects;
import java.util.SortedSet;

/** What an Allow statement grants, independent of who: actions, resources and conditions. */
public record Permission(
    SortedSet<String> actions, SortedSet<String> resources, Conditions conditions) {

  public Permission {
    actions = Sorted.copyOf(Objects.requireNonNull(actions, "actions"));
    resources = Sorted.copyOf(Objects.requireNonNull(resources, "resources"));
    Objects.requireNonNull(conditions, "conditions");
    if (actions.isEmpty() || resources.isEmpty()) {
      throw new IllegalArgumentException("a permission needs actions and resources");
    }
  }

  public static Permission of(
      Collection<String> actions, Collection<String> resources, Conditions conditions) {
    return new Permission(Sorted.copyOf(actions), Sorted.copyOf(resources), conditions);
  }

  /** This permission as an IAM identity-policy statement (no Principal). */
  public ObjectNode toIamStatement(String sid) {
    return statement(sid, null, conditions);
  }

  /** An Allow statement in the usual element order; Condition omitted when empty. */
  ObjectNode statement(String sid, JsonNode principal, Conditions effectiveConditions) {
    ObjectNode node = PolicyJson.MAPPER.createObjectNode();
    if (sid != null) {
      node.put("Sid", sid);
    }
    node.put("Effect", "Allow");
    if (principal != null) {
      node.set("Principal", principal);
    }
    node.set("Action", PolicyJson.array(actions));
    node.set("Resource", PolicyJson.array(resources));
    if (!effectiveConditions.isEmpty()) {
      node.set("Condition", effectiveConditions.toJson());
    }
    return node;
  }
}
