package io.s3share.benchmark;

import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.BucketRef;
import io.s3share.operator.api.v1alpha1.BucketShare;
import io.s3share.operator.api.v1alpha1.BucketShareSpec;
import io.s3share.operator.api.v1alpha1.Consumer;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One share as declared: the same declaration becomes a BucketShare for the operator and a
 * statement for the naive writer.
 *
 * @param name the BucketShare's name, and the naive statement's Sid
 * @param bucketIndex which of the run's buckets it shares
 * @param consumer the 12-digit account it grants Read to
 */
record DeclaredShare(String name, int bucketIndex, String consumer) {

  static final String PREFIX = "shared/";

  /** {@code shares} shares spread round-robin over {@code buckets} buckets, one consumer each. */
  static List<DeclaredShare> spread(int shares, int buckets) {
    return IntStream.range(0, shares)
        .mapToObj(i -> new DeclaredShare(String.format("share-%05d", i), i % buckets, consumer(i)))
        .toList();
  }

  static String consumer(int i) {
    return String.valueOf(300_000_000_000L + i);
  }

  /** The BucketShare the operator is given, on the operator's copy of the bucket. */
  BucketShare resource(String namespace, String account, String bucket) {
    BucketShare share = new BucketShare();
    share.getMetadata().setNamespace(namespace);
    share.getMetadata().setName(name);
    BucketShareSpec spec = new BucketShareSpec();
    BucketRef ref = new BucketRef();
    ref.setName(bucket);
    ref.setAccountRef(account);
    spec.setBucket(ref);
    spec.setConsumers(List.of(Consumer.account(consumer)));
    spec.setAccess(Access.Read);
    spec.setPrefixes(List.of(PREFIX));
    share.setSpec(spec);
    return share;
  }
}
