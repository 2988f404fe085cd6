package io.s3share.operator.kms;

import io.s3share.operator.aws.AwsCallException;
import io.s3share.operator.aws.KeyPolicyPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.services.kms.model.MalformedPolicyDocumentException;

/** One key's policy in memory, refusing policies the way KMS does when told to. */
final class FakeKeyPolicyPort implements KeyPolicyPort {

  Optional<String> policy;
  final List<String> writes = new ArrayList<>();

  /** Policies KMS refuses as malformed, e.g. naming a principal that does not exist. */
  Predicate<String> refuses = document -> false;

  /** Runs right after each successful write: a writer racing ours. */
  Runnable afterWrite = () -> {};

  FakeKeyPolicyPort(String initial) {
    this.policy = Optional.of(initial);
  }

  @Override
  public Optional<String> read(String keyArn) {
    return policy;
  }

  @Override
  public void write(String keyArn, String document) {
    writes.add(document);
    if (refuses.test(document)) {
      throw AwsCallException.terminal(
          "AwsRequestRejected",
          "AWS rejected kms:PutKeyPolicy",
          MalformedPolicyDocumentException.builder()
              .message("Policy contains a statement with one or more invalid principals.")
              .build());
    }
    policy = Optional.of(document);
    afterWrite.run();
  }
}
