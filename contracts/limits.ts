/** Limits more than one layer enforces. */

/** MediaLive's default quota: channels per region (Service Quotas, "Channels"); more needs an increase first. */
export const MEDIALIVE_CHANNEL_QUOTA = 5;
/** Longest forecast horizon, months. */
export const MAX_FORECAST_MONTHS = 120;
/** Most daily active users a forecast accepts: more is a typo, not a plan. */
export const MAX_FORECAST_DAU = 1_000_000_000;
/** Highest monthly growth a forecast accepts, as a fraction: more than doubling every month is a typo. */
export const MAX_FORECAST_MONTHLY_GROWTH = 1;
/**
 * MediaPackage's default quota of harvest jobs running at once per account and region ("Live
 * content quotas", Maximum Concurrent Harvest Jobs: 10, a soft quota): the pass creates no more.
 */
export const MEDIAPACKAGE_CONCURRENT_HARVEST_JOBS = 10;
/** MediaPackage's longest startover window: 14 days (MediaPackage User Guide, "Startover window"). */
export const MAX_STARTOVER_WINDOW_HOURS = 336;
