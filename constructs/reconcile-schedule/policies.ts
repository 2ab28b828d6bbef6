/** IAM documents of the reconcile task, kept apart from the wiring so each grant is easy to review. */
import { POOL_TAG } from "../../contracts";
import type { PolicyStatement } from "../iam-policy";

export interface TaskPolicyInput {
  readonly accountId: string;
  readonly region: string;
  readonly pool: string;
  readonly harvestRoleArn: string;
  readonly metricsNamespace: string;
}

/**
 * What `ops sessions reconcile` calls, and nothing else, each action on the resource type it takes
 * (Service Authorization Reference, "Actions, resources, and condition keys for AWS Elemental
 * MediaLive" / "... AWS Elemental MediaPackage" / "... Amazon CloudWatch"; an action listed there
 * without a resource type is granted on "*", since granted on an ARN it is simply denied):
 *
 * - medialive:ListChannels: no resource type, "*" (the pool is found by its tag in the answer);
 * - medialive:DescribeChannel, StartChannel, StopChannel: `channel`, which takes aws:ResourceTag, so
 *   only channels tagged with this pool;
 * - medialive:DescribeInput, UpdateInput (a fresh stream key per channel run): `input`, which takes
 *   aws:ResourceTag, so only inputs tagged with this pool;
 * - mediapackage:CreateHarvestJob: no resource type, "*" (its only condition keys are request tags,
 *   which the pass does not send); DescribeHarvestJob: `harvest_jobs` of this account and region;
 *   ListOriginEndpoints: no resource type, "*" (only for a channel without the origin-endpoint tag);
 * - iam:PassRole of the harvest role, to MediaPackage only;
 * - cloudwatch:PutMetricData: its `dataset` resource type is optional, "*" with the namespace condition.
 */
export function reconcileTaskStatements(p: TaskPolicyInput): PolicyStatement[] {
  const inPool = { StringEquals: { [`aws:ResourceTag/${POOL_TAG}`]: p.pool } };
  return [
    { Sid: "ListChannels", Effect: "Allow", Action: ["medialive:ListChannels"], Resource: "*" },
    {
      Sid: "RunPoolChannels",
      Effect: "Allow",
      Action: ["medialive:DescribeChannel", "medialive:StartChannel", "medialive:StopChannel"],
      Resource: `arn:aws:medialive:${p.region}:${p.accountId}:channel:*`,
      Condition: inPool,
    },
    {
      Sid: "RekeyPoolInputs",
      Effect: "Allow",
      Action: ["medialive:DescribeInput", "medialive:UpdateInput"],
      Resource: `arn:aws:medialive:${p.region}:${p.accountId}:input:*`,
      Condition: inPool,
    },
    { Sid: "CreateHarvestJobs", Effect: "Allow", Action: ["mediapackage:CreateHarvestJob", "mediapackage:ListOriginEndpoints"], Resource: "*" },
    { Sid: "FollowHarvestJobs", Effect: "Allow", Action: ["mediapackage:DescribeHarvestJob"], Resource: `arn:aws:mediapackage:${p.region}:${p.accountId}:harvest_jobs/*` },
    {
      Sid: "PassHarvestRole",
      Effect: "Allow",
      Action: ["iam:PassRole"],
      Resource: p.harvestRoleArn,
      Condition: { StringEquals: { "iam:PassedToService": "mediapackage.amazonaws.com" } },
    },
    {
      Sid: "PublishPassMetrics",
      Effect: "Allow",
      Action: ["cloudwatch:PutMetricData"],
      Resource: "*",
      Condition: { StringEquals: { "cloudwatch:namespace": p.metricsNamespace } },
    },
  ];
}
