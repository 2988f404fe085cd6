package io.s3share.cli.audit;

/**
 * One thing an auditor should look at.
 *
 * @param kind a stable CamelCase name, e.g. {@code PublicAccess}
 * @param subject what it is about: a bucket, an access point or a role
 * @param message what was found and what to do
 */
public record Finding(Severity severity, String kind, String subject, String message) {}
