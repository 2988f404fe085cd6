package io.s3share.operator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PolicyParserTest {

  @Test
  void aSingleStatementObjectAndSingleStringsReadLikeArrays() {
    String single =
        Docs.json(
            "{'Statement':{'Sid':'S','Effect':'Allow','Principal':{'AWS':'1'},"
                + "'Action':'s3:GetObject','Resource':'arn:aws:s3:::b/*'}}");
    String arrays =
        Docs.json(
            "{'Statement':[{'Sid':'S','Effect':'Allow','Principal':{'AWS':['1']},"
                + "'Action':['s3:GetObject'],'Resource':['arn:aws:s3:::b/*']}]}");

    assertThat(PolicyDocument.parse("p", single)).isEqualTo(PolicyDocument.parse("p", arrays));
  }

  @Test
  void statementsWithoutSidAreNamedByTheirPosition() {
    PolicyDocument document =
        PolicyDocument.parse(
            "bucket-policy",
            Docs.policy(
                "{'Sid':'A','Effect':'Allow','Principal':'*','Action':'*','Resource':'*'}",
                "{'Effect':'Deny','Principal':'*','Action':'*','Resource':'*'}"));

    assertThat(document.statements())
        .extracting(s -> s.ref().toString())
        .containsExactly("bucket-policy/A", "bucket-policy/#1");
  }

  @Test
  void badDocumentsAreRefusedWithWhatToFix() {
    assertThatThrownBy(() -> PolicyDocument.parse("bucket-policy", "{not json"))
        .isInstanceOf(MalformedPolicyException.class)
        .hasMessageStartingWith("bucket-policy: not valid JSON");
    assertThatThrownBy(() -> PolicyDocument.parse("bucket-policy", "{}"))
        .hasMessageContaining("needs a \"Statement\"");
    assertThatThrownBy(
            () ->
                PolicyDocument.parse(
                    "key-policy", Docs.policy("{'Sid':'X','Effect':'allow','Action':'*'}")))
        .hasMessage("key-policy/X: \"Effect\" must be \"Allow\" or \"Deny\"");
    assertThatThrownBy(
            () ->
                PolicyDocument.parse(
                    "p", Docs.policy("{'Effect':'Allow','Action':{'a':1},'Resource':'*'}")))
        .hasMessageContaining("\"Action\" must be a string or an array of strings");
  }

  @Test
  void malformedAccessPointKeyAndRoleArnsAreRefusedWithWhatToWrite() {
    assertThatThrownBy(() -> AccessPointDocuments.parse("share-a", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "access point 'share-a' must be an ARN like"
                + " arn:aws:s3:<region>:<account>:accesspoint/<name>");
    assertThatThrownBy(() -> KmsKeyDocuments.parse("1234-abcd", Docs.policy()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "KMS key '1234-abcd' must be an ARN like arn:aws:kms:<region>:<account>:key/<id>");
    assertThatThrownBy(() -> RoleDocuments.parse("reader", Docs.policy(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("role 'reader' must be an ARN like arn:aws:iam::<account>:role/<name>");
  }
}
