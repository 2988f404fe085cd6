package io.s3share.operator.aws;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Keeps one set of SDK clients per AwsAccount and rebuilds it when the account's settings change,
 * so that assumed-role credentials are cached and refreshed rather than fetched per reconcile.
 */
public final class AccountDirectory implements AutoCloseable {

  private final AwsClientFactory factory;
  private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

  public AccountDirectory(AwsClientFactory factory) {
    this.factory = factory;
  }

  /** Clients for the AwsAccount named {@code name} with these settings. */
  public AccountClients clientsFor(String name, AccountSettings settings) {
    return entries
        .compute(
            name,
            (key, existing) -> {
              if (existing != null && existing.settings().equals(settings)) {
                return existing;
              }
              if (existing != null) {
                existing.clients().close();
              }
              return new Entry(settings, factory.clientsFor(settings));
            })
        .clients();
  }

  /** Drops the clients of a deleted AwsAccount. */
  public void forget(String name) {
    Entry removed = entries.remove(name);
    if (removed != null) {
      removed.clients().close();
    }
  }

  @Override
  public void close() {
    entries.values().forEach(entry -> entry.clients().close());
    entries.clear();
  }

  private record Entry(AccountSettings settings, AccountClients clients) {}
}
