package io.s3share.operator.aws;

import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one INFO line per AWS mutation, in one format for every write path: the account, the
 * resource, what changed, and which of our resources caused it.
 *
 * <p>All of them come from this one logger, so that a log pipeline can keep exactly the record of
 * what the operator changed in AWS ({@code loggerName} in JSON). In JSON the parts are also given
 * as key-value pairs ({@code kvpList}), so nothing needs parsing out of the message.
 */
public final class AwsChangeLog {

  private static final Logger log = LoggerFactory.getLogger(AwsChangeLog.class);

  /** How many causing resources a line names; a write coalescing hundreds names the first few. */
  static final int NAMED_CAUSES = 10;

  private AwsChangeLog() {}

  /**
   * @param account the AWS account id the change was made in
   * @param resource what was changed, e.g. {@code bucket reports} or {@code role s3share-reader}
   * @param change what changed, e.g. {@code created the role}
   * @param causes the {@code namespace/name} of the resources whose state made the change
   */
  public static void changed(
      String account, String resource, String change, Collection<String> causes) {
    String causedBy = causes(causes);
    log.atInfo()
        .addKeyValue("account", account)
        .addKeyValue("resource", resource)
        .addKeyValue("causedBy", causedBy)
        .log("account {} {}: {} (for {})", account, resource, change, causedBy);
  }

  /**
   * A write that changed nothing AWS had, e.g. a trial write while finding a refused principal:
   * DEBUG, so that retrying it cannot repeat an INFO line.
   */
  public static void rewritten(
      String account, String resource, String change, Collection<String> causes) {
    log.debug("account {} {}: {} again, unchanged (for {})", account, resource, change, causes);
  }

  /** {@code a, b, c}, or for a long list the first {@value #NAMED_CAUSES} and {@code +N more}. */
  static String causes(Collection<String> causes) {
    if (causes.isEmpty()) {
      return "no current resource";
    }
    List<String> sorted = causes.stream().sorted().toList();
    if (sorted.size() <= NAMED_CAUSES) {
      return String.join(", ", sorted);
    }
    return String.join(", ", sorted.subList(0, NAMED_CAUSES))
        + " +"
        + (sorted.size() - NAMED_CAUSES)
        + " more";
  }
}
