/** The strings of the public certificate page; every locale defines every key (a spec checks). */
export interface CertificatePageMessages {
  /** BCP 47 tag used for `<html lang>` and for formatting dates. */
  tag: string;
  title: string;
  valid: string;
  /** `{provider}` is replaced by the training provider's name. */
  validNote: string;
  revoked: string;
  /** `{date}` is replaced by the revocation date. */
  revokedNote: string;
  notFound: string;
  notFoundNote: string;
  holder: string;
  course: string;
  provider: string;
  programme: string;
  issued: string;
  /** `{hours}` is replaced by the course's hours. */
  hours: string;
  skills: string;
  /** `{level}` is replaced by the certified level (1–5). */
  level: string;
  code: string;
}
