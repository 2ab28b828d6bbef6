import { Construct } from "constructs";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";

export interface HarvestRoleProps {
  /** Role name. */
  readonly roleName: string;
  /** Account MediaPackage acts for; the trust policy admits only this account's MediaPackage. */
  readonly accountId: string;
  /** ARN of recorded-media-bucket. */
  readonly recordedBucketArn: string;
  /** Key prefix harvested recordings go to. @default "sessions/" */
  readonly sessionsPrefix?: string;
}

/**
 * The role MediaPackage assumes to write harvested recordings (CreateHarvestJob's S3Destination
 * RoleArn): read/write under `sessions/` of recorded-media-bucket and nothing else.
 */
export class HarvestRole extends Construct {
  readonly roleArn: string;
  readonly roleName: string;

  constructor(scope: Construct, id: string, props: HarvestRoleProps) {
    super(scope, id);
    const prefix = props.sessionsPrefix ?? "sessions/";
    const trust = new DataAwsIamPolicyDocument(this, "trust", {
      statement: [
        {
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: ["mediapackage.amazonaws.com"] }],
          // Confused-deputy guard: only MediaPackage acting for this account.
          condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [props.accountId] }],
        },
      ],
    });
    const role = new IamRole(this, "role", {
      name: props.roleName,
      description: "MediaPackage harvest jobs write session recordings to recorded-media-bucket",
      assumeRolePolicy: trust.json,
    });
    const access = new DataAwsIamPolicyDocument(this, "access", {
      statement: [
        { sid: "WriteRecordings", actions: ["s3:PutObject", "s3:GetObject"], resources: [`${props.recordedBucketArn}/${prefix}*`] },
        { sid: "LocateBucket", actions: ["s3:GetBucketLocation"], resources: [props.recordedBucketArn] },
        {
          sid: "ListRecordings",
          actions: ["s3:ListBucket"],
          resources: [props.recordedBucketArn],
          condition: [{ test: "StringLike", variable: "s3:prefix", values: [`${prefix}*`] }],
        },
      ],
    });
    new IamRolePolicy(this, "policy", { name: "write-recordings", role: role.id, policy: access.json });
    this.roleArn = role.arn;
    this.roleName = role.name;
  }
}
