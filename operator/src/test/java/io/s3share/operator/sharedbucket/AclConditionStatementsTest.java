package io.s3share.operator.sharedbucket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AclConditionStatementsTest {

  @Test
  void findsStatementsThatTestTheAclHeadersWhateverTheOperatorOrCase() {
    String policy =
        """
        {"Version":"2012-10-17","Statement":[
          {"Sid":"RequireOwnerControl","Effect":"Deny","Principal":"*","Action":"s3:PutObject",
           "Resource":"arn:aws:s3:::data/*",
           "Condition":{"StringNotEquals":{"s3:x-amz-acl":"bucket-owner-full-control"}}},
          {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},
           "Action":"s3:PutObject","Resource":"arn:aws:s3:::data/*",
           "Condition":{"StringEquals":{"S3:X-Amz-Grant-Full-Control":"id=abc"}}},
          {"Sid":"Plain","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},
           "Action":"s3:GetObject","Resource":"arn:aws:s3:::data/*",
           "Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}
        """;

    assertThat(AclConditionStatements.in(Optional.of(policy)))
        .containsExactly("RequireOwnerControl", "#1");
  }

  @Test
  void noPolicyHasNone() {
    assertThat(AclConditionStatements.in(Optional.empty())).isEmpty();
  }
}
