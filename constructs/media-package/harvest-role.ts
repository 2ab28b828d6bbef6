import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { SESSIONS_PREFIX } from "../../contracts";
import { policyDocument, serviceTrustPolicy } from "../iam-policy";

export interface HarvestRoleProps {
  /** Role name. */
  readonly roleName: string;
  /** ARN of recorded-media-bucket. */
  readonly recordedBucketArn: string;
  /** Key prefix harvested recordings go to. @default SESSIONS_PREFIX ("sessions/") */
  readonly sessionsPrefix?: string;
}

/**
 * The role MediaPackage assumes to write harvested recordings (CreateHarvestJob's S3Destination
 * RoleArn): write under `sessions/` of recorded-media-bucket, list and locate that bucket.
 */
export class HarvestRole extends Construct {
  readonly roleArn: string;
  readonly roleName: string;

  constructor(scope: Construct, id: string, props: HarvestRoleProps) {
    super(scope, id);
    const prefix = props.sessionsPrefix ?? SESSIONS_PREFIX;
    // No condition: MediaPackage documents no request context for AssumeRole (MediaPackage User Guide,
    // "Allowing MediaPackage to access other AWS services", step 3 trusts mediapackage.amazonaws.com
    // as is); a condition it does not send would fail every harvest job. Only callers allowed
    // iam:PassRole on this role in this account can hand it to CreateHarvestJob.
    const role = new IamRole(this, "role", {
      name: props.roleName,
      description: "MediaPackage harvest jobs write session recordings to recorded-media-bucket",
      assumeRolePolicy: serviceTrustPolicy("mediapackage.amazonaws.com"),
    });
    // The live-to-VOD policy MediaPackage documents (same page, "Policy for live-to-VOD workflows":
    // PutObject, ListBucket, GetBucketLocation), objects narrowed to sessions/. ListBucket keeps no
    // s3:prefix condition: the documented policy has none and a listing without it would be denied.
    const access = policyDocument([
      { Sid: "WriteRecordings", Effect: "Allow", Action: ["s3:PutObject"], Resource: [`${props.recordedBucketArn}/${prefix}*`] },
      { Sid: "ListAndLocateBucket", Effect: "Allow", Action: ["s3:ListBucket", "s3:GetBucketLocation"], Resource: [props.recordedBucketArn] },
    ]);
    new IamRolePolicy(this, "policy", { name: "write-recordings", role: role.id, policy: access });
    this.roleArn = role.arn;
    this.roleName = role.name;
  }
}
