import type { PolicyStatement } from "../iam-policy";

/** What an EventBridge Scheduler schedule encrypted with a customer-managed key needs from IAM. */

export interface ScheduleDecryptProps {
  /** The key the schedule is encrypted with (`kms_key_arn`). */
  readonly kmsKeyArn: string;
  readonly region: string;
  readonly accountId: string;
  /** Name of the schedule. */
  readonly scheduleName: string;
  /** Schedule group. @default "default" */
  readonly groupName?: string;
}

/**
 * The statement for the schedule's execution role: Scheduler decrypts the schedule with that role at
 * every invocation, and the encryption context names the schedule, so the grant covers this schedule
 * only ("Encryption at rest in EventBridge Scheduler").
 */
export function scheduleDecryptStatement(props: ScheduleDecryptProps) {
  const scheduleArn = `arn:aws:scheduler:${props.region}:${props.accountId}:schedule/${props.groupName ?? "default"}/${props.scheduleName}`;
  return {
    Sid: "DecryptThisSchedule",
    Effect: "Allow",
    Action: ["kms:Decrypt"],
    Resource: props.kmsKeyArn,
    Condition: { StringEquals: { "kms:EncryptionContext:aws:scheduler:schedule:arn": scheduleArn } },
  } satisfies PolicyStatement;
}
