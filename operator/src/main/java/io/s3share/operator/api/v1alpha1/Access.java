package io.s3share.operator.api.v1alpha1;

/** Named access levels; each expands to a minimal set of S3 actions. */
public enum Access {
  /** List keys (under the prefixes) and read the bucket's Region. */
  List,
  /** List, plus read objects and their versions. */
  Read,
  /** Write objects and abort multipart uploads; no listing, no reading. */
  Write,
  /** Read and Write, plus delete objects. */
  ReadWrite
}
