/**
 * Reading one Service Quotas value. GetServiceQuota returns the applied value; for a quota that
 * was never changed it may have none and answer NoSuchResourceException ("For some quotas, only
 * the default values are available", Service Quotas API Reference, GetServiceQuota), so the AWS
 * default (GetAWSDefaultServiceQuota) is read instead.
 */
import type { ServiceQuotasClient } from "@aws-sdk/client-service-quotas";

export interface QuotaRef {
  /** Service Quotas service code, e.g. `ec2`. */
  readonly serviceCode: string;
  /** Quota code, e.g. `L-0263D0A3`. */
  readonly quotaCode: string;
  /** The quota's name in the Service Quotas console. */
  readonly name: string;
}

export interface QuotaValue {
  readonly value: number;
  /** `applied` (this account's value, increases included) or `default` (AWS's default). */
  readonly source: "applied" | "default";
}

export async function readQuota(client: ServiceQuotasClient, ref: QuotaRef): Promise<QuotaValue> {
  const { GetServiceQuotaCommand, GetAWSDefaultServiceQuotaCommand } = await import("@aws-sdk/client-service-quotas");
  const input = { ServiceCode: ref.serviceCode, QuotaCode: ref.quotaCode };
  try {
    const { Quota } = await client.send(new GetServiceQuotaCommand(input));
    if (Quota?.Value !== undefined) return { value: Quota.Value, source: "applied" };
  } catch (err) {
    if ((err as Error).name !== "NoSuchResourceException") throw err;
  }
  const { Quota } = await client.send(new GetAWSDefaultServiceQuotaCommand(input));
  if (Quota?.Value === undefined) throw new Error(`Service Quotas returned no value for ${ref.serviceCode}/${ref.quotaCode}`);
  return { value: Quota.Value, source: "default" };
}

/** The one-line fix for a quota that is too low. */
export function quotaIncreaseHint(ref: QuotaRef, desired: number, region: string): string {
  return (
    `request ${ref.name} >= ${desired} in ${region} (Service Quotas console, or ` +
    `aws service-quotas request-service-quota-increase --service-code ${ref.serviceCode} --quota-code ${ref.quotaCode} --desired-value ${desired} --region ${region})`
  );
}
