/** Limits more than one layer enforces. */

/** MediaLive's default quota: channels per region (Service Quotas, "Channels"); more needs an increase first. */
export const MEDIALIVE_CHANNEL_QUOTA = 5;
/** Longest forecast horizon, months. */
export const MAX_FORECAST_MONTHS = 120;
