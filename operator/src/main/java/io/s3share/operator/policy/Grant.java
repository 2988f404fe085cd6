package io.s3share.operator.policy;

import java.util.Objects;
import java.util.SortedSet;

/** One grantee paired with one permission: the unit that compaction groups into statements. */
public record Grant(Grantee grantee, Permission permission) {

  public Grant {
    Objects.requireNonNull(grantee, "grantee");
    Objects.requireNonNull(permission, "permission");
  }

  public SortedSet<String> actions() {
    return permission.actions();
  }

  public SortedSet<String> resources() {
    return permission.resources();
  }

  public Conditions conditions() {
    return permission.conditions();
  }
}
