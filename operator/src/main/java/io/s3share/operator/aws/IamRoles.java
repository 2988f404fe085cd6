package io.s3share.operator.aws;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPermissionsBoundary;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Tag;

/** {@link IamRolePort} over the SDK's IAM client. */
public final class IamRoles implements IamRolePort {

  /** The most roles IAM returns in one page. */
  private static final int PAGE_SIZE = 1000;

  /** IAM's default longest session, when it reports none. */
  private static final int DEFAULT_MAX_SESSION = 3600;

  private final IamClient iam;
  private final String account;

  public IamRoles(IamClient iam, String account) {
    this.iam = iam;
    this.account = account;
  }

  @Override
  public String account() {
    return account;
  }

  @Override
  public Optional<Role> read(String roleName) {
    return AwsCall.run(
        account,
        "iam:GetRole",
        roleName,
        () ->
            orEmpty(
                () -> {
                  var role = iam.getRole(b -> b.roleName(roleName)).role();
                  Map<String, String> tags = new LinkedHashMap<>();
                  role.tags().forEach(tag -> tags.put(tag.key(), tag.value()));
                  return new Role(
                      role.roleName(),
                      role.arn(),
                      role.assumeRolePolicyDocument(),
                      role.maxSessionDuration() == null
                          ? DEFAULT_MAX_SESSION
                          : role.maxSessionDuration(),
                      Optional.ofNullable(role.permissionsBoundary())
                          .map(AttachedPermissionsBoundary::permissionsBoundaryArn),
                      tags);
                }));
  }

  @Override
  public List<RoleDetail> roleDetails() {
    return AwsCall.run(
        account,
        "iam:GetAccountAuthorizationDetails",
        "roles",
        () -> {
          // The paginator calls IAM lazily, one page per call: iterate inside AwsCall.
          List<RoleDetail> roles = new ArrayList<>();
          iam.getAccountAuthorizationDetailsPaginator(
                  b -> b.filter(EntityType.ROLE).maxItems(PAGE_SIZE))
              .roleDetailList()
              .forEach(role -> roles.add(detail(role)));
          return List.copyOf(roles);
        });
  }

  @Override
  public Map<String, Integer> maxSessionDurations(String pathPrefix) {
    return AwsCall.run(
        account,
        "iam:ListRoles",
        pathPrefix,
        () -> {
          Map<String, Integer> durations = new LinkedHashMap<>();
          iam.listRolesPaginator(b -> b.pathPrefix(pathPrefix).maxItems(PAGE_SIZE))
              .roles()
              .forEach(
                  role ->
                      durations.put(
                          role.roleName(),
                          role.maxSessionDuration() == null
                              ? DEFAULT_MAX_SESSION
                              : role.maxSessionDuration()));
          return Map.copyOf(durations);
        });
  }

  private static RoleDetail detail(software.amazon.awssdk.services.iam.model.RoleDetail role) {
    Map<String, String> tags = new LinkedHashMap<>();
    role.tags().forEach(tag -> tags.put(tag.key(), tag.value()));
    Map<String, String> inline = new LinkedHashMap<>();
    role.rolePolicyList().forEach(p -> inline.put(p.policyName(), p.policyDocument()));
    return new RoleDetail(
        role.roleName(),
        role.arn(),
        role.path() == null ? "/" : role.path(),
        role.assumeRolePolicyDocument(),
        Optional.ofNullable(role.permissionsBoundary())
            .map(AttachedPermissionsBoundary::permissionsBoundaryArn),
        tags,
        inline,
        role.attachedManagedPolicies().stream().map(p -> p.policyArn()).toList());
  }

  @Override
  public String create(NewRole role) {
    return AwsCall.run(
        account,
        "iam:CreateRole",
        role.name(),
        () ->
            iam.createRole(
                    b ->
                        b.roleName(role.name())
                            .path(role.path())
                            .assumeRolePolicyDocument(role.trustPolicy())
                            .description(role.description())
                            .maxSessionDuration(role.maxSessionDuration())
                            .permissionsBoundary(role.permissionsBoundaryArn().orElse(null))
                            .tags(tags(role.tags())))
                .role()
                .arn());
  }

  @Override
  public void updateTrustPolicy(String roleName, String policy) {
    AwsCall.exec(
        account,
        "iam:UpdateAssumeRolePolicy",
        roleName,
        () -> iam.updateAssumeRolePolicy(b -> b.roleName(roleName).policyDocument(policy)));
  }

  @Override
  public List<String> inlinePolicyNames(String roleName) {
    return AwsCall.run(
        account,
        "iam:ListRolePolicies",
        roleName,
        () ->
            orEmpty(
                    () -> {
                      // The paginator calls IAM lazily: iterate inside, where NoSuchEntity is
                      // caught.
                      List<String> names = new ArrayList<>();
                      iam.listRolePoliciesPaginator(b -> b.roleName(roleName))
                          .policyNames()
                          .forEach(names::add);
                      return List.copyOf(names);
                    })
                .orElse(List.of()));
  }

  @Override
  public Optional<String> readInlinePolicy(String roleName, String policyName) {
    return AwsCall.run(
        account,
        "iam:GetRolePolicy",
        roleName,
        () ->
            orEmpty(
                () ->
                    iam.getRolePolicy(b -> b.roleName(roleName).policyName(policyName))
                        .policyDocument()));
  }

  @Override
  public void putInlinePolicy(String roleName, String policyName, String policy) {
    AwsCall.exec(
        account,
        "iam:PutRolePolicy",
        roleName,
        () ->
            iam.putRolePolicy(
                b -> b.roleName(roleName).policyName(policyName).policyDocument(policy)));
  }

  @Override
  public void deleteInlinePolicy(String roleName, String policyName) {
    AwsCall.exec(
        account,
        "iam:DeleteRolePolicy",
        roleName,
        () ->
            orEmpty(() -> iam.deleteRolePolicy(b -> b.roleName(roleName).policyName(policyName))));
  }

  @Override
  public List<String> attachedPolicyArns(String roleName) {
    return AwsCall.run(
        account,
        "iam:ListAttachedRolePolicies",
        roleName,
        () ->
            orEmpty(
                    () -> {
                      List<String> arns = new ArrayList<>();
                      iam.listAttachedRolePoliciesPaginator(b -> b.roleName(roleName))
                          .attachedPolicies()
                          .forEach(policy -> arns.add(policy.policyArn()));
                      return List.copyOf(arns);
                    })
                .orElse(List.of()));
  }

  @Override
  public void detachPolicy(String roleName, String policyArn) {
    AwsCall.exec(
        account,
        "iam:DetachRolePolicy",
        roleName,
        () -> orEmpty(() -> iam.detachRolePolicy(b -> b.roleName(roleName).policyArn(policyArn))));
  }

  @Override
  public void updateMaxSessionDuration(String roleName, int seconds, String description) {
    AwsCall.exec(
        account,
        "iam:UpdateRole",
        roleName,
        () ->
            iam.updateRole(
                b -> b.roleName(roleName).maxSessionDuration(seconds).description(description)));
  }

  @Override
  public void putPermissionsBoundary(String roleName, String policyArn) {
    AwsCall.exec(
        account,
        "iam:PutRolePermissionsBoundary",
        roleName,
        () ->
            iam.putRolePermissionsBoundary(
                b -> b.roleName(roleName).permissionsBoundary(policyArn)));
  }

  @Override
  public void deletePermissionsBoundary(String roleName) {
    AwsCall.exec(
        account,
        "iam:DeleteRolePermissionsBoundary",
        roleName,
        () -> orEmpty(() -> iam.deleteRolePermissionsBoundary(b -> b.roleName(roleName))));
  }

  @Override
  public void tag(String roleName, Map<String, String> tags) {
    AwsCall.exec(
        account,
        "iam:TagRole",
        roleName,
        () -> iam.tagRole(b -> b.roleName(roleName).tags(tags(tags))));
  }

  @Override
  public void untag(String roleName, Collection<String> keys) {
    AwsCall.exec(
        account,
        "iam:UntagRole",
        roleName,
        () -> iam.untagRole(b -> b.roleName(roleName).tagKeys(keys)));
  }

  @Override
  public void delete(String roleName) {
    AwsCall.exec(
        account,
        "iam:DeleteRole",
        roleName,
        () -> orEmpty(() -> iam.deleteRole(b -> b.roleName(roleName))));
  }

  private static List<Tag> tags(Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }

  // IAM answers NoSuchEntity for a missing role or policy: empty for reads, done for deletes.
  private static <T> Optional<T> orEmpty(Supplier<T> call) {
    try {
      return Optional.ofNullable(call.get());
    } catch (NoSuchEntityException e) {
      return Optional.empty();
    }
  }
}
