import type { CertificatePageMessages } from './messages.js';

export const en: CertificatePageMessages = {
  tag: 'en-GB',
  title: 'Certificate verification',
  valid: 'Valid certificate',
  validNote: 'Issued by {provider}. It has not been revoked.',
  revoked: 'Revoked certificate',
  revokedNote: 'Revoked on {date}. It no longer certifies these skills.',
  notFound: 'Certificate not found',
  notFoundNote: 'No certificate has this code. Check the link, or ask the holder for a new one.',
  holder: 'Holder',
  course: 'Course',
  provider: 'Training provider',
  programme: 'Programme',
  issued: 'Issued on',
  hours: '{hours} hours',
  skills: 'Certified skills',
  level: 'level {level} of 5',
  code: 'Certificate code',
};
