import type { SynthesizedResource } from "../../engine/types";

export const LOAD_BALANCERS = ["aws_lb", "aws_alb"];
export const LISTENERS = ["aws_lb_listener", "aws_alb_listener"];

export const isApplicationLoadBalancer = (lb: SynthesizedResource) => (lb.attributes.load_balancer_type ?? "application") === "application";
