export { Messaging, type MessagingProps } from "./messaging";
export type { ApnsPushPlatform, FcmPushPlatform, PushPlatform } from "./push-platform-applications";
