import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  port: number;
  /** SMTP_URL for this sink. */
  url: string;
  stop(): Promise<void>;
}

/**
 * A plain SMTP server on loopback (a free port unless given) that accepts every message and
 * hands its raw bytes to `onMessage`. No TLS and no authentication: it only ever listens on
 * 127.0.0.1, for local runs and tests.
 */
export async function startSmtpSink(
  onMessage: (raw: Buffer) => void | Promise<void>,
  port = 0,
): Promise<SmtpSink> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // Idle pooled client connections would otherwise hold a stop for 30 s.
    closeTimeout: 500,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        Promise.resolve(onMessage(Buffer.concat(chunks))).then(
          () => callback(),
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const actualPort = address !== null && typeof address === 'object' ? address.port : port;
  return {
    port: actualPort,
    url: `smtp://127.0.0.1:${actualPort}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** `npm start`'s mail sink: every message becomes `<dir>/<time>-<n>.eml`. */
export async function startMailDirectorySink(dir: string): Promise<SmtpSink> {
  mkdirSync(dir, { recursive: true });
  let n = 0;
  return startSmtpSink((raw) => {
    n += 1;
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    writeFileSync(join(dir, `${stamp}-${n}.eml`), raw);
  });
}
