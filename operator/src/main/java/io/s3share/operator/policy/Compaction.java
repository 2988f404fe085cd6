package io.s3share.operator.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** Packs grants into as few statements as possible, so hundreds of grantees fit in 20 KB. */
public final class Compaction {

  private Compaction() {}

  /** One statement per (actions, resources, conditions, grantee kind), sorted by Sid. */
  public static List<ManagedStatement> compact(SidNamespace ns, Collection<Grant> grants) {
    Map<StatementKey, SortedSet<Grantee>> groups = new HashMap<>();
    for (Grant grant : grants) {
      StatementKey key = new StatementKey(grant.permission(), grant.grantee().kind());
      groups.computeIfAbsent(key, k -> new TreeSet<>()).add(grant.grantee());
    }
    List<ManagedStatement> statements = new ArrayList<>();
    Set<String> sids = new HashSet<>();
    groups.forEach(
        (key, grantees) -> {
          String sid = ns.sidFor(key);
          // 64 hash bits make this practically impossible; S3 would reject duplicate Sids.
          if (!sids.add(sid)) {
            throw new IllegalStateException("Sid collision for " + sid);
          }
          statements.add(new ManagedStatement(sid, key, grantees));
        });
    statements.sort(Comparator.comparing(ManagedStatement::sid));
    return List.copyOf(statements);
  }

  /** The inverse of {@link #compact}: every (grantee, permission) pair. */
  public static Set<Grant> expand(List<ManagedStatement> statements) {
    Set<Grant> grants = new HashSet<>();
    statements.forEach(statement -> grants.addAll(statement.grants()));
    return Set.copyOf(grants);
  }
}
