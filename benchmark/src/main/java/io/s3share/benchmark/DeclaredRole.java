package io.s3share.benchmark;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.s3share.operator.api.v1alpha1.Access;
import io.s3share.operator.api.v1alpha1.CrossAccountRole;
import io.s3share.operator.api.v1alpha1.CrossAccountRoleSpec;
import io.s3share.operator.api.v1alpha1.ExternalIdSpec;
import io.s3share.operator.api.v1alpha1.RoleGrant;
import io.s3share.operator.api.v1alpha1.TrustedPrincipal;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One role as declared: trusted by one consumer account with an ExternalId, reading one prefix of
 * one bucket. The operator gets it as a CrossAccountRole, the naive role writer as IAM documents.
 *
 * @param name the CrossAccountRole's name
 * @param bucket the bucket its one grant reads
 * @param consumer the 12-digit account that may assume it
 */
record DeclaredRole(String name, String bucket, String consumer) {

  static List<DeclaredRole> spread(int roles, List<String> buckets) {
    return IntStream.range(0, roles)
        .mapToObj(
            i ->
                new DeclaredRole(
                    String.format("role-%04d", i),
                    buckets.get(i % buckets.size()),
                    String.valueOf(400_000_000_000L + i)))
        .toList();
  }

  CrossAccountRole resource(String namespace, String account) {
    CrossAccountRole role = new CrossAccountRole();
    role.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    CrossAccountRoleSpec spec = new CrossAccountRoleSpec();
    spec.setAccountRef(account);
    spec.setTrustedPrincipals(List.of(TrustedPrincipal.account(consumer)));
    spec.setExternalId(ExternalIdSpec.generated());
    spec.setGrants(List.of(RoleGrant.of(bucket, Access.Read, List.of(name + "/"))));
    role.setSpec(spec);
    return role;
  }

  String naiveName() {
    return "naive-" + name;
  }

  String externalId() {
    return "naive-external-id-" + name;
  }

  String trustPolicy() {
    return """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
        "Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"sts:AssumeRole",\
        "Condition":{"StringEquals":{"sts:ExternalId":"%s"}}}]}"""
        .formatted(consumer, externalId());
  }

  String grantPolicy() {
    return """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
        "Action":["s3:GetObject","s3:GetObjectVersion"],"Resource":"arn:aws:s3:::%s/%s/*"}]}"""
        .formatted(bucket, name);
  }
}
