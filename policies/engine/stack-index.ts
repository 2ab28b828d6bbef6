import type { Attrs } from "./attributes";
import type { SynthesizedResource } from "./synthesized-resource";

/** The synthesized stack JSON as cdktf writes it (only the parts the engine reads). */
export interface SynthesizedStack {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Every resource and data source of one synthesized stack, with look-ups for cross-resource rules
 * ("is there a public access block for this bucket", "does an alarm watch this queue").
 * References are matched on resolved Terraform expressions: `${aws_s3_bucket.media.id}`.
 */
export class StackIndex {
  readonly resources: readonly SynthesizedResource[];
  private readonly byType = new Map<string, SynthesizedResource[]>();
  private readonly byAddress = new Map<string, SynthesizedResource>();
  private readonly patterns = new Map<string, RegExp>();
  private readonly texts = new WeakMap<object, string>();

  constructor(json: SynthesizedStack, stackPath = "") {
    const list: SynthesizedResource[] = [];
    const add = (kind: "resource" | "data", blocks: SynthesizedStack["resource"]) => {
      for (const [type, byName] of Object.entries(blocks ?? {})) {
        for (const [name, raw] of Object.entries(byName)) {
          const { "//": meta, ...attributes } = raw;
          const path = (meta as { metadata?: { path?: string } } | undefined)?.metadata?.path ?? `${stackPath}/${name}`;
          const address = kind === "data" ? `data.${type}.${name}` : `${type}.${name}`;
          const resource: SynthesizedResource = { kind, type, name, address, path, attributes };
          list.push(resource);
          const key = kind === "data" ? `data.${type}` : type;
          if (!this.byType.has(key)) this.byType.set(key, []);
          this.byType.get(key)!.push(resource);
          this.byAddress.set(address, resource);
        }
      }
    };
    add("resource", json.resource);
    add("data", json.data);
    this.resources = list;
  }

  /** Resources of a Terraform type (`data.<type>` for data sources). */
  ofType(type: string): readonly SynthesizedResource[] {
    return this.byType.get(type) ?? [];
  }

  get(address: string): SynthesizedResource | undefined {
    return this.byAddress.get(address);
  }

  /** True when value (any nesting) contains a reference to target, e.g. `${aws_sqs_queue.dlq.arn}`. */
  refersTo(value: unknown, target: SynthesizedResource): boolean {
    if (value === undefined || value === null) return false;
    let pattern = this.patterns.get(target.address);
    if (!pattern) {
      // Not preceded by a name character or a dot, so `aws_x.a` does not match `data.aws_x.a` or `aws_x.ab`.
      pattern = new RegExp(`(?<![\\w.])${escape(target.address)}(?![\\w-])`);
      this.patterns.set(target.address, pattern);
    }
    return pattern.test(this.text(value));
  }

  /**
   * True when value points at target: a reference, or a literal equal to one of target's literal
   * identifying attributes (name, bucket, function_name, arn) for hand-written names.
   */
  identifies(value: unknown, target: SynthesizedResource): boolean {
    if (this.refersTo(value, target)) return true;
    const literals = ["name", "bucket", "function_name", "arn", "identifier"]
      .map((k) => target.attributes[k])
      .filter((v): v is string => typeof v === "string" && !v.includes("${"));
    const values = Array.isArray(value) ? value : [value];
    return values.some((v) => typeof v === "string" && literals.some((l) => v === l || v.endsWith(`:${l}`)));
  }

  /** Resources of a type with an attribute (top level) that points at target. */
  pointingAt(type: string, target: SynthesizedResource, attribute?: string): SynthesizedResource[] {
    return this.ofType(type).filter((r) => (attribute ? this.identifies(r.attributes[attribute], target) : this.refersTo(r.attributes, target)));
  }

  /** Every resource a value refers to (first resolved reference per `${...}`), in order. */
  referencedResources(value: unknown): SynthesizedResource[] {
    const found: SynthesizedResource[] = [];
    const re = /(?<![\w.])((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)(?=[.[\s}]|$)/g;
    for (const m of this.text(value).matchAll(re)) {
      const r = this.byAddress.get(m[1]);
      if (r && !found.includes(r)) found.push(r);
    }
    return found;
  }

  private text(value: unknown): string {
    if (typeof value === "string") return value;
    if (typeof value !== "object" || value === null) return String(value);
    let t = this.texts.get(value as object);
    if (t === undefined) {
      t = JSON.stringify(value);
      this.texts.set(value as object, t);
    }
    return t;
  }
}

export type { Attrs };
