/** MediaLive's channel quota leaves room for the pool, next to channels other workloads own. */
import { POOL_TAG } from "../../contracts";
import { quotaIncreaseHint, readQuota, type QuotaRef } from "./quota";
import type { PreflightCheck } from "./types";

/**
 * Service Quotas: service `medialive`, quota "Channels" (code as ListServiceQuotas reports it;
 * MediaLive User Guide, "Quotas in MediaLive"). Default 5 per region.
 */
export const MEDIALIVE_CHANNELS_QUOTA: QuotaRef = { serviceCode: "medialive", quotaCode: "L-D1AFAF75", name: 'MediaLive "Channels"' };

export const medialiveChannelsCheck: PreflightCheck = {
  id: "medialive-channels",
  title: "MediaLive channels quota >= the pool (media.channelCount) plus channels of other workloads",
  actions: ["servicequotas:GetServiceQuota", "servicequotas:GetAWSDefaultServiceQuota", "medialive:ListChannels"],
  async run({ config, clients }) {
    const { paginateListChannels } = await import("@aws-sdk/client-medialive");
    const quota = await readQuota(await clients.serviceQuotas(), MEDIALIVE_CHANNELS_QUOTA);
    let others = 0;
    for await (const page of paginateListChannels({ client: await clients.medialive() }, {})) {
      others += (page.Channels ?? []).filter((c) => c.Tags?.[POOL_TAG] !== config.name).length;
    }
    const need = config.media.channelCount;
    const data = { quota: quota.value, quotaSource: quota.source, usedByOthers: others, poolNeeds: need };
    const spare = quota.value - others - need;
    const summary = `quota ${quota.value} channels (${quota.source}), ${others} used by other workloads, the pool needs ${need}`;
    if (spare >= 0) return { status: "pass", summary: `${summary}: ${spare} to spare`, data };
    return { status: "fail", summary: `${summary}: ${-spare} short`, fix: `${quotaIncreaseHint(MEDIALIVE_CHANNELS_QUOTA, others + need, config.region)}, or lower media.channelCount`, data };
  },
};
