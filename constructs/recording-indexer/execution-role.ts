import type { Construct } from "constructs";
import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";

export interface IndexerPermissions {
  readonly roleName: string;
  readonly region: string;
  readonly accountId: string;
  readonly logGroupArn: string;
  readonly subnetIds: string[];
  readonly securityGroupId: string;
  readonly databaseSecretArn: string;
  readonly kmsKeyArn: string;
  readonly deadLetterQueueArn: string;
}

/**
 * The statements the indexer needs and nothing more: its own log group, network interfaces in its
 * subnets with its security group (what the AWSLambdaVPCAccessExecutionRole managed policy grants on
 * `*`), the one database secret, the key only through Secrets Manager and SQS, its dead-letter queue,
 * and X-Ray (whose write actions support no resource scoping).
 */
export function indexerPolicyStatements(p: IndexerPermissions): DataAwsIamPolicyDocumentStatement[] {
  const ec2 = `arn:aws:ec2:${p.region}:${p.accountId}`;
  return [
    { sid: "WriteOwnLogs", actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: [`${p.logGroupArn}:*`] },
    {
      sid: "CreateVpcInterfaces",
      actions: ["ec2:CreateNetworkInterface"],
      resources: [`${ec2}:network-interface/*`, `${ec2}:security-group/${p.securityGroupId}`, ...p.subnetIds.map((s) => `${ec2}:subnet/${s}`)],
    },
    {
      sid: "ManageVpcInterfaces",
      actions: ["ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"],
      resources: [`${ec2}:network-interface/*`],
    },
    // Describe calls have no resource-level permissions in EC2.
    { sid: "DescribeVpcInterfaces", actions: ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"], resources: ["*"] },
    { sid: "ReadDatabaseSecret", actions: ["secretsmanager:GetSecretValue"], resources: [p.databaseSecretArn] },
    {
      sid: "DecryptSecretWithKey",
      actions: ["kms:Decrypt"],
      resources: [p.kmsKeyArn],
      condition: [{ test: "StringEquals", variable: "kms:ViaService", values: [`secretsmanager.${p.region}.amazonaws.com`] }],
    },
    { sid: "DeadLetterFailedEvents", actions: ["sqs:SendMessage"], resources: [p.deadLetterQueueArn] },
    {
      sid: "EncryptDeadLetters",
      actions: ["kms:GenerateDataKey", "kms:Decrypt"],
      resources: [p.kmsKeyArn],
      condition: [{ test: "StringEquals", variable: "kms:ViaService", values: [`sqs.${p.region}.amazonaws.com`] }],
    },
    // X-Ray's write APIs take no resource ARNs.
    { sid: "WriteTraces", actions: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], resources: ["*"] },
  ];
}

/** Execution role assumable by Lambda only, with the statements above as its one inline policy. */
export function createIndexerRole(scope: Construct, permissions: IndexerPermissions): { role: IamRole; policy: IamRolePolicy } {
  const trust = new DataAwsIamPolicyDocument(scope, "assume-role-policy", {
    statement: [
      {
        actions: ["sts:AssumeRole"],
        principals: [{ type: "Service", identifiers: ["lambda.amazonaws.com"] }],
      },
    ],
  });
  const role = new IamRole(scope, "execution-role", {
    name: permissions.roleName,
    description: "Recording indexer Lambda: writes recording URIs to live_sessions",
    assumeRolePolicy: trust.json,
  });
  const document = new DataAwsIamPolicyDocument(scope, "execution-policy-document", { statement: indexerPolicyStatements(permissions) });
  const policy = new IamRolePolicy(scope, "execution-policy", { name: "recording-indexer", role: role.id, policy: document.json });
  return { role, policy };
}
