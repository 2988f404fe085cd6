package io.s3share.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** How the operator reaches one AWS account; cluster-scoped and written by the platform team. */
@Group(AwsAccount.GROUP)
@Version(AwsAccount.VERSION)
@Categories(AwsAccount.CATEGORY)
@ShortNames("awsacct")
@AdditionalPrinterColumn(name = "Account", jsonPath = ".spec.accountId")
@AdditionalPrinterColumn(name = "Region", jsonPath = ".spec.region")
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class AwsAccount extends CustomResource<AwsAccountSpec, AwsAccountStatus> {
  public static final String GROUP = "s3share.io";
  public static final String VERSION = "v1alpha1";

  /** The kubectl category of every kind: {@code kubectl get s3share} lists them all. */
  public static final String CATEGORY = "s3share";
}
