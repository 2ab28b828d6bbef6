import type { StackIndex } from "../../engine/stack-index";
import type { SynthesizedResource } from "../../engine/types";

export const LOAD_BALANCERS = ["aws_lb", "aws_alb"];
export const LISTENERS = ["aws_lb_listener", "aws_alb_listener"];

export const isApplicationLoadBalancer = (lb: SynthesizedResource) => (lb.attributes.load_balancer_type ?? "application") === "application";

/** The load balancer a listener belongs to, when it is in this stack. */
export function listenerLoadBalancer(index: StackIndex, listener: SynthesizedResource): SynthesizedResource | undefined {
  return index.referencedResources(listener.attributes.load_balancer_arn).find((r) => LOAD_BALANCERS.includes(r.type));
}
