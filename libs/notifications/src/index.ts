export * from './notification-kinds.js';
export * from './notifications.module.js';
export { NotificationsService, type NotifyInput } from './notifications.service.js';
