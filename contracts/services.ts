/** The design's three API backends: one ECS service, target group, route and alarm set each. */
export const SERVICE_NAMES = ["mentee", "mentor", "social"] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
