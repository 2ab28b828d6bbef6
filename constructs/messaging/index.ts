export { Messaging, type MessagingProps } from "./messaging";
export type { ApnsPushPlatform, FcmPushPlatform, PushPlatform } from "./push-platform-applications";
export { denyInsecureTransport } from "./deny-insecure-transport";
