package io.s3share.operator.posture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AclConditionsTest {

  @Test
  void findsStatementsThatTestTheAclARequestSends() {
    String policy =
        """
        {"Version":"2012-10-17","Statement":[
          {"Sid":"Plain","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:root"},
           "Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},
          {"Sid":"NeedsAcl","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:root"},
           "Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*",
           "Condition":{"StringEquals":{"S3:X-Amz-Acl":"bucket-owner-full-control"}}},
          {"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*",
           "Condition":{"Null":{"s3:x-amz-grant-full-control":"false"}}}
        ]}
        """;
    assertThat(AclConditions.in(policy)).containsExactly("NeedsAcl", "#3");
  }

  @Test
  void aDocumentThatIsNotJsonHasNone() {
    assertThat(AclConditions.in("not json")).isEmpty();
    assertThat(AclConditions.in("{}")).isEmpty();
  }
}
