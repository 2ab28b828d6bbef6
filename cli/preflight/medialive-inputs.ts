/** MediaLive's push-input quota leaves room for the pool's RTMP inputs (one per channel). */
import { POOL_TAG } from "../../contracts";
import { quotaIncreaseHint, readQuota, type QuotaRef } from "./quota";
import type { PreflightCheck } from "./types";

/**
 * Service Quotas: service `medialive`, quota "Push inputs" (code as ListServiceQuotas reports it;
 * MediaLive User Guide, "Quotas in MediaLive"). Push inputs delivered into a VPC count under the
 * separate "VPC inputs" quota, so they are not counted here.
 */
export const MEDIALIVE_PUSH_INPUTS_QUOTA: QuotaRef = { serviceCode: "medialive", quotaCode: "L-9E233AF7", name: 'MediaLive "Push inputs"' };
const PUSH_TYPES = new Set(["RTMP_PUSH", "RTP_PUSH", "UDP_PUSH"]);

export const medialiveInputsCheck: PreflightCheck = {
  id: "medialive-inputs",
  title: "MediaLive push inputs quota >= one RTMP push input per pool channel plus push inputs of other workloads",
  actions: ["servicequotas:GetServiceQuota", "servicequotas:GetAWSDefaultServiceQuota", "medialive:ListInputs"],
  async run({ config, clients }) {
    const { paginateListInputs } = await import("@aws-sdk/client-medialive");
    const quota = await readQuota(await clients.serviceQuotas(), MEDIALIVE_PUSH_INPUTS_QUOTA);
    let others = 0;
    for await (const page of paginateListInputs({ client: await clients.medialive() }, {})) {
      others += (page.Inputs ?? []).filter((i) => PUSH_TYPES.has(i.Type ?? "") && !i.Destinations?.some((d) => d.Vpc) && i.Tags?.[POOL_TAG] !== config.name).length;
    }
    // The channel pool gives each channel one RTMP push input (constructs/media-channel-pool).
    const need = config.media.channelCount;
    const data = { quota: quota.value, quotaSource: quota.source, usedByOthers: others, poolNeeds: need };
    const spare = quota.value - others - need;
    const summary = `quota ${quota.value} push inputs (${quota.source}), ${others} used by other workloads, the pool needs ${need}`;
    if (spare >= 0) return { status: "pass", summary: `${summary}: ${spare} to spare`, data };
    return { status: "fail", summary: `${summary}: ${-spare} short`, fix: `${quotaIncreaseHint(MEDIALIVE_PUSH_INPUTS_QUOTA, others + need, config.region)}, or delete unused push inputs`, data };
  },
};
