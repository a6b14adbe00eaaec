export * from './notification-kinds.js';
export * from './notifications-core.module.js';
export * from './notifications.module.js';
export {
  NotificationsService,
  type NotifyInput,
  type NotificationMail,
} from './notifications.service.js';
