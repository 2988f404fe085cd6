package io.s3share.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Guardrails for self-service: which namespaces may share which buckets, with whom, how far;
 * cluster-scoped and written by the platform team. Deny by default.
 */
@Group(AwsAccount.GROUP)
@Version(AwsAccount.VERSION)
@Categories(AwsAccount.CATEGORY)
@ShortNames("sharepol")
@AdditionalPrinterColumn(name = "Max", jsonPath = ".spec.maxAccess")
@AdditionalPrinterColumn(
    name = "Admitted",
    jsonPath = ".status.admitted",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class SharingPolicy extends CustomResource<SharingPolicySpec, SharingPolicyStatus> {}
