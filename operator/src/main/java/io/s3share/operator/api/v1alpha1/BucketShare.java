package io.s3share.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** Grants other AWS accounts access to (part of) an S3 bucket; namespaced, used by tenants. */
@Group(AwsAccount.GROUP)
@Version(AwsAccount.VERSION)
@Categories(AwsAccount.CATEGORY)
@ShortNames("bshare")
@AdditionalPrinterColumn(name = "Bucket", jsonPath = ".spec.bucket.name")
@AdditionalPrinterColumn(name = "Access", jsonPath = ".spec.access")
@AdditionalPrinterColumn(name = "Via", jsonPath = ".spec.via")
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(
    name = "Reason",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
    priority = 1)
@AdditionalPrinterColumn(
    name = "Access Point",
    jsonPath = ".status.accessPoint.alias",
    priority = 1)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class BucketShare extends CustomResource<BucketShareSpec, BucketShareStatus>
    implements Namespaced {}
