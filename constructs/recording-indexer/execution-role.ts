import type { Construct } from "constructs";
import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";

export interface IndexerPermissions {
  readonly roleName: string;
  readonly region: string;
  readonly accountId: string;
  readonly logGroupArn: string;
  /** The VPC the function's network interfaces live in (ec2:Vpc condition). */
  readonly vpcId: string;
  /** `arn:aws:rds-db:<region>:<account>:dbuser:<DbiResourceId>/<role>` of the indexer's database role. */
  readonly databaseUserArn: string;
  readonly kmsKeyArn: string;
  readonly deadLetterQueueArn: string;
}

/**
 * The statements the indexer needs and nothing more: its own log group; the network-interface
 * actions of the AWSLambdaVPCAccessExecutionRole managed policy on `*` (CreateFunction's own check
 * is reported to fail with ARN-scoped forms) narrowed to its VPC by condition; IAM authentication as
 * its one database role; its dead-letter queue (Lambda's destination and its own parking) with the
 * key only through SQS; and X-Ray (whose write actions support no resource scoping).
 */
export function indexerPolicyStatements(p: IndexerPermissions): DataAwsIamPolicyDocumentStatement[] {
  const vpcArn = `arn:aws:ec2:${p.region}:${p.accountId}:vpc/${p.vpcId}`;
  return [
    { sid: "WriteOwnLogs", actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: [`${p.logGroupArn}:*`] },
    {
      // SAR (Amazon EC2): CreateNetworkInterface authorizes a network-interface (no ec2:Vpc key at
      // creation), a subnet and security groups (both carry ec2:Vpc). ...IfExists lets the new
      // interface through and holds the subnet and groups to this VPC.
      sid: "CreateVpcInterfaces",
      actions: ["ec2:CreateNetworkInterface"],
      resources: ["*"],
      condition: [{ test: "ArnEqualsIfExists", variable: "ec2:Vpc", values: [vpcArn] }],
    },
    {
      // SAR: these take a network-interface, which carries ec2:Vpc.
      sid: "ManageVpcInterfaces",
      actions: ["ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"],
      resources: ["*"],
      condition: [{ test: "ArnEquals", variable: "ec2:Vpc", values: [vpcArn] }],
    },
    // Describe calls take no resource type in the SAR.
    { sid: "DescribeVpcInterfaces", actions: ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"], resources: ["*"] },
    // SAR (Amazon RDS IAM Authentication): rds-db:connect on the db-user resource type.
    { sid: "ConnectAsIndexerRole", actions: ["rds-db:connect"], resources: [p.databaseUserArn] },
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
