import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { denyInsecureTransport, fromAccount, policyDocument } from "../iam-policy";

/** AWS services that publish operational events to the ops topic. */
export const DEFAULT_OPS_PUBLISHERS = ["cloudwatch.amazonaws.com", "budgets.amazonaws.com"] as const;

export interface OpsAlertsProps {
  /** Prefix of every resource name, e.g. `livestream-dev`. */
  readonly namePrefix: string;
  /** ARN of the platform KMS key that encrypts the topic; its key policy must let the publishers use it. */
  readonly kmsKeyArn: string;
  /** Account that owns the alarms and budgets; publishers are limited to it (confused-deputy guard). */
  readonly accountId: string;
  /** Addresses that receive every alert by e-mail (each subscription is confirmed once by its owner). */
  readonly emails: string[];
  /**
   * Service principals allowed to publish.
   * @default ["cloudwatch.amazonaws.com", "budgets.amazonaws.com"]
   */
  readonly publisherServices?: string[];
  /** Provider (region) of the topic; alarms can only notify a topic in their own region. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

/**
 * The operations alert topic: alarms and budgets publish here and on-call people read it by e-mail.
 * Encrypted with the platform key, TLS-only, and publishable only by the listed services acting for
 * this account.
 */
export class OpsAlerts extends Construct {
  /** ARN of the ops SNS topic: the target of every alarm's alarm and OK actions. */
  readonly topicArn: string;
  /** Name of the ops SNS topic. */
  readonly topicName: string;

  constructor(scope: Construct, id: string, props: OpsAlertsProps) {
    super(scope, id);
    if (!/^\d{12}$/.test(props.accountId)) {
      throw new Error(`OpsAlerts: accountId must be a 12-digit AWS account id, got '${props.accountId}'`);
    }
    if (props.emails.length === 0) {
      throw new Error("OpsAlerts: emails must list at least one address, otherwise alarms reach nobody");
    }
    const publishers = props.publisherServices ?? [...DEFAULT_OPS_PUBLISHERS];
    if (publishers.length === 0) {
      throw new Error("OpsAlerts: publisherServices must not be empty (alarms could not publish)");
    }

    const provider = props.provider;
    const topic = new SnsTopic(this, "topic", {
      provider,
      name: `${props.namePrefix}-ops-alerts`,
      kmsMasterKeyId: props.kmsKeyArn,
    });
    this.topicArn = topic.arn;
    this.topicName = topic.name;

    const policy = policyDocument([
      {
        Sid: "AllowServicePublishersForThisAccount",
        Effect: "Allow",
        Principal: { Service: publishers },
        Action: ["sns:Publish"],
        Resource: [topic.arn],
        Condition: fromAccount(props.accountId),
      },
      denyInsecureTransport("sns", [topic.arn]),
    ]);
    new SnsTopicPolicy(this, "topic-policy", { provider, arn: topic.arn, policy });

    props.emails.forEach((email, i) => {
      new SnsTopicSubscription(this, `email-${i}`, { provider, topicArn: topic.arn, protocol: "email", endpoint: email });
    });
  }
}
