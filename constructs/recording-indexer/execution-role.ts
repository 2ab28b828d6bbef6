import type { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { policyDocument, serviceTrustPolicy, type PolicyStatement } from "../iam-policy";

export interface IndexerPermissions {
  readonly roleName: string;
  readonly region: string;
  readonly accountId: string;
  readonly logGroupArn: string;
  /** The VPC the function's network interfaces live in (ec2:Vpc condition). */
  readonly vpcId: string;
  /** `arn:aws:rds-db:<region>:<account>:dbuser:<cluster resource id>/<role>` of the indexer's database role. */
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
function indexerPolicyStatements(p: IndexerPermissions): PolicyStatement[] {
  const vpcArn = `arn:aws:ec2:${p.region}:${p.accountId}:vpc/${p.vpcId}`;
  return [
    { Sid: "WriteOwnLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [`${p.logGroupArn}:*`] },
    {
      // SAR (Amazon EC2): CreateNetworkInterface authorizes a network-interface (no ec2:Vpc key at
      // creation), a subnet and security groups (both carry ec2:Vpc). ...IfExists lets the new
      // interface through and holds the subnet and groups to this VPC.
      Sid: "CreateVpcInterfaces",
      Effect: "Allow",
      Action: ["ec2:CreateNetworkInterface"],
      Resource: ["*"],
      Condition: { ArnEqualsIfExists: { "ec2:Vpc": [vpcArn] } },
    },
    {
      // SAR: these take a network-interface, which carries ec2:Vpc.
      Sid: "ManageVpcInterfaces",
      Effect: "Allow",
      Action: ["ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"],
      Resource: ["*"],
      Condition: { ArnEquals: { "ec2:Vpc": [vpcArn] } },
    },
    // Describe calls take no resource type in the SAR.
    { Sid: "DescribeVpcInterfaces", Effect: "Allow", Action: ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"], Resource: ["*"] },
    // SAR (Amazon RDS IAM Authentication): rds-db:connect on the db-user resource type.
    { Sid: "ConnectAsIndexerRole", Effect: "Allow", Action: ["rds-db:connect"], Resource: [p.databaseUserArn] },
    { Sid: "DeadLetterFailedEvents", Effect: "Allow", Action: ["sqs:SendMessage"], Resource: [p.deadLetterQueueArn] },
    {
      Sid: "EncryptDeadLetters",
      Effect: "Allow",
      Action: ["kms:GenerateDataKey", "kms:Decrypt"],
      Resource: [p.kmsKeyArn],
      Condition: { StringEquals: { "kms:ViaService": [`sqs.${p.region}.amazonaws.com`] } },
    },
    // X-Ray's write APIs take no resource ARNs.
    { Sid: "WriteTraces", Effect: "Allow", Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], Resource: ["*"] },
  ];
}

/** Execution role assumable by Lambda only, with the statements above as its one inline policy. */
export function createIndexerRole(scope: Construct, permissions: IndexerPermissions): { role: IamRole; policy: IamRolePolicy } {
  const role = new IamRole(scope, "execution-role", {
    name: permissions.roleName,
    description: "Recording indexer Lambda: writes recording URIs to live_sessions",
    assumeRolePolicy: serviceTrustPolicy("lambda.amazonaws.com"),
  });
  const policy = new IamRolePolicy(scope, "execution-policy", { name: "recording-indexer", role: role.id, policy: policyDocument(indexerPolicyStatements(permissions)) });
  return { role, policy };
}
