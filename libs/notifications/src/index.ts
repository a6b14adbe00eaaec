export * from './notification-kinds.js';
export * from './notifications.module.js';
export * from './notifications-writer.module.js';
export { NotificationsService, type NotifyInput } from './notifications.service.js';
