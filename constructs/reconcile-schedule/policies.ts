/** IAM documents of the reconcile task, kept apart from the wiring so each grant is easy to review. */

export interface Statement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Action: string[];
  readonly Resource: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

export const policyJson = (statements: Statement[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

/** Trust for one AWS service, limited to this account (confused-deputy guard). */
export function serviceTrust(service: string, accountId: string, sourceArnLike?: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: service },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": accountId },
          ...(sourceArnLike ? { ArnLike: { "aws:SourceArn": sourceArnLike } } : {}),
        },
      },
    ],
  });
}

export interface TaskPolicyInput {
  readonly accountId: string;
  readonly region: string;
  readonly pool: string;
  readonly harvestRoleArn: string;
  readonly metricsNamespace: string;
}

/**
 * What `ops sessions reconcile` calls, and nothing else: MediaLive on channels of this account and
 * region (start/stop only on channels tagged with this pool), MediaPackage harvest jobs and
 * endpoint listing, passing the harvest role to MediaPackage, and metrics in its own namespace.
 */
export function reconcileTaskStatements(p: TaskPolicyInput): Statement[] {
  const channels = `arn:aws:medialive:${p.region}:${p.accountId}:channel:*`;
  return [
    // ListChannels, CreateHarvestJob, ListHarvestJobs and ListOriginEndpoints take no resource type
    // (Service Authorization Reference): IAM matches them only on "*" (policy rule LS-IAM-003).
    { Sid: "ListChannels", Effect: "Allow", Action: ["medialive:ListChannels"], Resource: "*" },
    { Sid: "ReadChannels", Effect: "Allow", Action: ["medialive:DescribeChannel"], Resource: channels },
    {
      Sid: "StartStopPoolChannels",
      Effect: "Allow",
      Action: ["medialive:StartChannel", "medialive:StopChannel"],
      Resource: channels,
      Condition: { StringEquals: { "aws:ResourceTag/livestream:pool": p.pool } },
    },
    {
      Sid: "HarvestRecordings",
      Effect: "Allow",
      Action: ["mediapackage:CreateHarvestJob", "mediapackage:ListHarvestJobs", "mediapackage:ListOriginEndpoints"],
      Resource: "*",
    },
    { Sid: "DescribeHarvestJobs", Effect: "Allow", Action: ["mediapackage:DescribeHarvestJob"], Resource: `arn:aws:mediapackage:${p.region}:${p.accountId}:harvest_jobs/*` },
    {
      Sid: "PassHarvestRole",
      Effect: "Allow",
      Action: ["iam:PassRole"],
      Resource: p.harvestRoleArn,
      Condition: { StringEquals: { "iam:PassedToService": "mediapackage.amazonaws.com" } },
    },
    {
      // PutMetricData has no resource type; the namespace condition is what scopes it.
      Sid: "PublishPassMetrics",
      Effect: "Allow",
      Action: ["cloudwatch:PutMetricData"],
      Resource: "*",
      Condition: { StringEquals: { "cloudwatch:namespace": p.metricsNamespace } },
    },
  ];
}
