package io.s3share.operator.api.v1alpha1;

/** S3 Object Ownership: who owns the objects others write, and whether ACLs count at all. */
public enum ObjectOwnership {
  /** ACLs are off; the bucket owner owns every object. AWS's default for new buckets. */
  BucketOwnerEnforced,
  /** ACLs count; objects uploaded with bucket-owner-full-control belong to the bucket owner. */
  BucketOwnerPreferred,
  /** ACLs count; the writer of an object owns it. */
  ObjectWriter
}
