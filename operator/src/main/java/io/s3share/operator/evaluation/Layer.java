package io.s3share.operator.evaluation;

/**
 * One resource-side document judged for one request, e.g. the bucket policy or the key policy.
 *
 * @param name how decisions name this document
 * @param verdict the statements of the document that apply
 * @param ownerAccountId the account that owns the resource
 * @param strict true when the resource policy must grant even in its own account (KMS key policies,
 *     role trust policies); false for S3, where an identity policy alone suffices there
 * @param identityRequest the request the caller's identity policies must allow for this layer
 */
record Layer(
    String name,
    DocumentVerdict verdict,
    String ownerAccountId,
    boolean strict,
    AccessRequest identityRequest) {}
