import { Construct } from "constructs";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { denyInsecureTransport, policyDocument } from "../iam-policy";

export interface AnnouncementsTopicProps {
  /** Prefix of every resource name, e.g. `livestream-dev`. */
  readonly namePrefix: string;
  /** Platform KMS key ARN that encrypts the topic. */
  readonly kmsKeyArn: string;
}

/**
 * The SNS topic that announces session schedules to mentees (design step 8). Mobile platform
 * endpoints subscribe to it at run time; the policy is attached separately (AnnouncementsTopicPolicy)
 * because it names the publisher role, which itself needs the topic ARN.
 */
export class AnnouncementsTopic extends Construct {
  readonly topic: SnsTopic;

  constructor(scope: Construct, id: string, props: AnnouncementsTopicProps) {
    super(scope, id);
    this.topic = new SnsTopic(this, "topic", {
      name: `${props.namePrefix}-session-announcements`,
      kmsMasterKeyId: props.kmsKeyArn,
    });
  }
}

export interface AnnouncementsTopicPolicyProps {
  /** ARN of the announcements topic. */
  readonly topicArn: string;
  /** IAM roles allowed to publish (the notification pipe's role). */
  readonly publisherRoleArns: string[];
}

/** TLS-only resource policy of the announcements topic that also names who publishes to it. */
export class AnnouncementsTopicPolicy extends Construct {
  constructor(scope: Construct, id: string, props: AnnouncementsTopicPolicyProps) {
    super(scope, id);
    if (props.publisherRoleArns.length === 0) {
      throw new Error("AnnouncementsTopicPolicy: publisherRoleArns must name at least one role");
    }
    const policy = policyDocument([
      { Sid: "AllowNamedPublishers", Effect: "Allow", Principal: { AWS: props.publisherRoleArns }, Action: ["sns:Publish"], Resource: [props.topicArn] },
      denyInsecureTransport("sns", [props.topicArn]),
    ]);
    new SnsTopicPolicy(this, "policy", { arn: props.topicArn, policy });
  }
}
