package io.s3share.operator.crossaccountrole;

import io.s3share.operator.api.v1alpha1.SecretKeyRef;
import java.util.List;
import java.util.Optional;

/**
 * What one reconcile learned about a role, filled in step by step so that status can report it even
 * when a later step fails. A null field means "not learned this time": status keeps the previous
 * value.
 */
final class RoleFacts {

  String roleName;
  String roleArn;
  Optional<SecretKeyRef> externalIdSecretRef;
  Integer trustPolicyChars;
  Integer inlinePolicyChars;
  int principals;
  String externalIdRotation;
  List<String> detachedPolicies = List.of();
  List<String> keyNotes = List.of();
  List<io.s3share.operator.api.v1alpha1.RoleGrantStatus> grants;
}
