/**
 * Builders for `terraform show -json <planfile>` documents in the shape Terraform 1.11 writes them
 * (format_version 1.2; resource_changes[].change with actions, before, after, after_unknown and the
 * sensitivity maps; configuration.provider_config), so tests state only what differs.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ENVIRONMENT_TAG, LIVE_PREFIX, POOL_TAG } from "../../contracts";

export interface ChangeSpec {
  readonly type: string;
  /** Resource name; the address is `<type>.<name>`. */
  readonly name: string;
  readonly actions: readonly string[];
  readonly before?: Record<string, unknown> | null;
  readonly after?: Record<string, unknown> | null;
  readonly afterUnknown?: Record<string, unknown>;
  readonly mode?: "managed" | "data";
}

export function resourceChange(spec: ChangeSpec): Record<string, unknown> {
  const mode = spec.mode ?? "managed";
  return {
    address: `${mode === "data" ? "data." : ""}${spec.type}.${spec.name}`,
    mode,
    type: spec.type,
    name: spec.name,
    provider_name: "registry.terraform.io/hashicorp/aws",
    change: {
      actions: spec.actions,
      before: spec.before ?? null,
      after: spec.after ?? null,
      after_unknown: spec.afterUnknown ?? {},
      before_sensitive: spec.before ? {} : false,
      after_sensitive: spec.after ? {} : false,
      ...(spec.actions.length === 2 ? { replace_paths: [["channel_class"]] } : {}),
    },
    ...(spec.actions.length === 2 ? { action_reason: "replace_because_cannot_update" } : {}),
  };
}

export interface PlanSpec {
  readonly changes: readonly Record<string, unknown>[];
  /** When the plan was made. @default 2027-03-10T02:00:00Z */
  readonly timestamp?: string;
  /** Region of the default aws provider. @default ap-southeast-1 */
  readonly region?: string;
}

export function planDocument(spec: PlanSpec): Record<string, unknown> {
  return {
    format_version: "1.2",
    terraform_version: "1.11.4",
    planned_values: { root_module: {} },
    resource_changes: spec.changes,
    prior_state: { format_version: "1.0", terraform_version: "1.11.4", values: { root_module: {} } },
    configuration: {
      provider_config: {
        aws: {
          name: "aws",
          full_name: "registry.terraform.io/hashicorp/aws",
          version_constraint: "5.100.0",
          expressions: { region: { constant_value: spec.region ?? "ap-southeast-1" }, allowed_account_ids: { constant_value: ["111111111111"] } },
        },
      },
      root_module: {},
    },
    timestamp: spec.timestamp ?? "2027-03-10T02:00:00Z",
    applyable: true,
    complete: true,
    errored: false,
  };
}

/** Writes the document to a fresh temp file and returns its path. */
export function writePlan(doc: unknown, name = "plan.json"): string {
  const file = join(mkdtempSync(join(tmpdir(), "plan-json-")), name);
  writeFileSync(file, typeof doc === "string" ? doc : JSON.stringify(doc, null, 2));
  return file;
}

const ARN = "arn:aws:medialive:ap-southeast-1:111111111111";
const TAGS = { [POOL_TAG]: "dev", [ENVIRONMENT_TAG]: "dev" };

/** A pool channel as the provider stores it (encoder settings trimmed to one video description). */
export function channelState(id: string, inputId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    arn: `${ARN}:channel:${id}`,
    cdi_input_specification: [],
    channel_class: "SINGLE_PIPELINE",
    channel_id: id,
    destinations: [
      { id: "hls", media_package_settings: [], multiplex_settings: [], settings: [{ password_param: "", stream_name: "", url: "s3ssl://livestream-dev-hls/live/ch0/index", username: "" }] },
      { id: "mediapackage", media_package_settings: [{ channel_id: "livestream-dev-ch0" }], multiplex_settings: [], settings: [] },
    ],
    encoder_settings: [
      {
        video_descriptions: [{ name: "video_720p", height: 720, width: 1280, codec_settings: [{ h264_settings: [{ bitrate: 3000000, rate_control_mode: "CBR" }] }] }],
        timecode_config: [{ source: "SYSTEMCLOCK", sync_threshold: 0 }],
      },
    ],
    id,
    input_attachments: [{ input_attachment_name: "livestream-dev-ch0-rtmp", input_id: inputId, input_settings: [], automatic_input_failover_settings: [] }],
    input_specification: [{ codec: "AVC", input_resolution: "HD", maximum_bitrate: "MAX_10_MBPS" }],
    log_level: "DISABLED",
    maintenance: [{ maintenance_day: "TUESDAY", maintenance_start_time: "19:00" }],
    name: "livestream-dev-ch0",
    role_arn: "arn:aws:iam::111111111111:role/livestream-dev-medialive",
    start_channel: false,
    tags: TAGS,
    tags_all: TAGS,
    timeouts: null,
    vpc: [],
    ...overrides,
  };
}

/** An RTMP push input as the provider stores it. */
export function inputState(id: string, channelId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    arn: `${ARN}:input:${id}`,
    attached_channels: [channelId],
    destinations: [{ stream_name: `${LIVE_PREFIX}initial-${channelId}` }],
    id,
    input_class: "SINGLE_PIPELINE",
    input_devices: [],
    input_partner_ids: [],
    input_security_groups: ["1234567"],
    input_source_type: "STATIC",
    media_connect_flows: [],
    name: "livestream-dev-ch0-rtmp",
    role_arn: "",
    sources: [],
    tags: TAGS,
    tags_all: TAGS,
    timeouts: null,
    type: "RTMP_PUSH",
    vpc: [],
    ...overrides,
  };
}

/** The pool's input security group as the provider stores it. */
export function inputSecurityGroupState(id: string, inputIds: string[], cidrs: string[]): Record<string, unknown> {
  return {
    arn: `${ARN}:inputSecurityGroup:${id}`,
    id,
    inputs: inputIds,
    tags: TAGS,
    tags_all: TAGS,
    timeouts: null,
    whitelist_rules: cidrs.map((cidr) => ({ cidr })),
  };
}

/** The CloudFormation stack holding one MediaPackage origin endpoint (constructs/media-package). */
export function endpointStackState(mediaPackageChannelId: string, startoverSeconds = 86400): Record<string, unknown> {
  const template = {
    AWSTemplateFormatVersion: "2010-09-09",
    Resources: {
      OriginEndpoint: {
        Type: "AWS::MediaPackage::OriginEndpoint",
        Properties: { Id: `${mediaPackageChannelId}-hls`, ChannelId: mediaPackageChannelId, StartoverWindowSeconds: startoverSeconds, Origination: "DENY", HlsPackage: { SegmentDurationSeconds: 6 } },
      },
    },
    Outputs: { EndpointId: { Value: { Ref: "OriginEndpoint" } } },
  };
  return {
    capabilities: [],
    disable_rollback: false,
    iam_role_arn: "",
    id: `arn:aws:cloudformation:ap-southeast-1:111111111111:stack/${mediaPackageChannelId}-hls-endpoint/0f5e4a50-0000-11ee-8000-000000000000`,
    name: `${mediaPackageChannelId}-hls-endpoint`,
    notification_arns: [],
    on_failure: null,
    outputs: { EndpointId: `${mediaPackageChannelId}-hls` },
    parameters: {},
    policy_body: "",
    policy_url: null,
    tags: TAGS,
    tags_all: TAGS,
    template_body: JSON.stringify(template),
    template_url: null,
    timeout_in_minutes: 0,
    timeouts: null,
  };
}

/** A monthly cost budget with planned limits from `firstMonth` (YYYY-MM), 12 months. */
export function budgetAfter(firstMonth: string): Record<string, unknown> {
  const [y, m] = firstMonth.split("-").map(Number) as [number, number];
  const planned = Array.from({ length: 12 }, (_, i) => {
    const month = new Date(Date.UTC(y, m - 1 + i, 1)).toISOString().slice(0, 7);
    return { amount: (1200 + i * 40).toFixed(2), start_time: `${month}-01_00:00`, unit: "USD" };
  });
  // Terraform prints set elements in its own order: not the month order.
  return { auto_adjust_data: [], budget_type: "COST", name: "livestream-dev-monthly-cost", notification: [], planned_limit: [...planned.slice(5), ...planned.slice(0, 5)], time_unit: "MONTHLY" };
}
