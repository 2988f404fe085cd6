package io.s3share.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * An IAM role in a bucket owner's account that other accounts assume to reach S3; namespaced, used
 * by tenants.
 */
@Group(AwsAccount.GROUP)
@Version(AwsAccount.VERSION)
@Categories(AwsAccount.CATEGORY)
@ShortNames("xrole")
@AdditionalPrinterColumn(name = "Role", jsonPath = ".status.roleName")
@AdditionalPrinterColumn(name = "Account", jsonPath = ".spec.accountRef")
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
public class CrossAccountRole extends CustomResource<CrossAccountRoleSpec, CrossAccountRoleStatus>
    implements Namespaced {}
