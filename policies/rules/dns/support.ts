import { blocks } from "../../engine/attributes";
import type { StackIndex } from "../../engine/stack-index";
import type { SynthesizedResource } from "../../engine/types";

/** Private zones (associated with a VPC) cannot be DNSSEC-signed or query-logged by Route 53. */
export const isPublicZone = (zone: SynthesizedResource): boolean => blocks(zone.attributes.vpc).length === 0;

/** The hosted zone a zone-id attribute points at: a reference to a zone of this stack, or a key-signing key of one. */
export function zoneOf(index: StackIndex, zoneId: unknown): SynthesizedResource | undefined {
  for (const r of index.referencedResources(zoneId)) {
    if (r.type === "aws_route53_zone") return r;
    if (r.type === "aws_route53_key_signing_key") return zoneOf(index, r.attributes.hosted_zone_id);
  }
  return undefined;
}
