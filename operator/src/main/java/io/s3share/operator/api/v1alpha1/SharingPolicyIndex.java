package io.s3share.operator.api.v1alpha1;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Every SharingPolicy, regrouped by the namespaces it selects, for the ValidatingAdmissionPolicy to
 * read as its one params object; written by the operator only (object {@value #NAME}).
 */
@Group(AwsAccount.GROUP)
@Version(AwsAccount.VERSION)
public class SharingPolicyIndex extends CustomResource<SharingPolicyIndexSpec, Void> {
  public static final String NAME = "sharing-policies";
}
