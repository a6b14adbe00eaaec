export * from './notification-kinds.js';
export * from './notifications-core.module.js';
export * from './notifications.module.js';
export {
  NotificationsService,
  type NotifyInput,
  type NotificationMail,
} from './notifications.service.js';
export * from './clock.js';
export { DigestService, type DigestRunCounts } from './digest.service.js';
export * from './local-schedule.js';
export * from './notification-digests.module.js';
