package io.s3share.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The desired posture of one bucket in one AwsAccount; cluster-scoped, set by the platform team.
 */
@Group(AwsAccount.GROUP)
@Version(AwsAccount.VERSION)
@Categories(AwsAccount.CATEGORY)
@ShortNames("sbucket")
@AdditionalPrinterColumn(name = "Account", jsonPath = ".spec.accountRef")
@AdditionalPrinterColumn(name = "Bucket", jsonPath = ".spec.bucket")
@AdditionalPrinterColumn(name = "Ownership", jsonPath = ".status.objectOwnership")
@AdditionalPrinterColumn(name = "Migration", jsonPath = ".status.aclMigration")
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(
    name = "Reason",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
    priority = 1)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class SharedBucket extends CustomResource<SharedBucketSpec, SharedBucketStatus> {}
