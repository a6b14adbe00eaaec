import type { AppConfig } from '@app/config';
import type { OnModuleDestroy } from '@nestjs/common';
import http from 'node:http';
import https from 'node:https';

/** One page of the engine's documents-fetch answer. */
export interface DocumentsPage<T> {
  results: T[];
  total: number;
  offset: number;
  limit: number;
}

/** What to fetch: a filter, the fields to return and one page of the matches. */
export interface DocumentsQuery {
  filter: string;
  fields: readonly string[];
  limit: number;
  offset: number;
}

/** The engine answered with an error, or could not be reached in time. */
export class DocumentsFetchError extends Error {
  constructor(
    message: string,
    /** HTTP status from the engine; undefined when no answer came. */
    readonly status?: number,
    /** The engine's error code (`invalid_document_filter`, …) when it gave one. */
    readonly code?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DocumentsFetchError';
  }
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * `POST /indexes/:uid/documents/fetch` over kept-alive `node:http` connections. Matching reads
 * every eligible document on each ranking, up to megabytes of JSON; through the `meilisearch`
 * client (global `fetch`, web streams, `TextDecoder`) that costs ~1.3 ms more of the API's CPU
 * per call than reading the body as a Buffer and parsing it once (docs/matching.md). Everything
 * else keeps using the client. Like the client, it asks for identity encoding
 * (docs/architecture.md, "Search client") and gives up after a timeout.
 */
export class DocumentsFetcher implements OnModuleDestroy {
  private readonly base: URL;
  private readonly agent: http.Agent;
  private readonly request: typeof http.request;
  private readonly authorization: string | undefined;

  constructor(
    config: Pick<AppConfig, 'meiliHost' | 'meiliMasterKey'>,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {
    if (config.meiliHost === undefined) {
      throw new Error('MEILI_HOST is not set: start through `npm start` or set it explicitly');
    }
    this.base = new URL(config.meiliHost.endsWith('/') ? config.meiliHost : `${config.meiliHost}/`);
    const secure = this.base.protocol === 'https:';
    this.agent = secure
      ? new https.Agent({ keepAlive: true })
      : new http.Agent({ keepAlive: true });
    this.request = secure ? https.request : http.request;
    this.authorization =
      config.meiliMasterKey === undefined ? undefined : `Bearer ${config.meiliMasterKey}`;
  }

  /** One page of the documents of index `uid` that pass the filter, with only these fields. */
  fetchPage<T>(uid: string, query: DocumentsQuery): Promise<DocumentsPage<T>> {
    const url = new URL(`indexes/${encodeURIComponent(uid)}/documents/fetch`, this.base);
    const body = JSON.stringify({
      filter: query.filter,
      fields: query.fields,
      limit: query.limit,
      offset: query.offset,
    });
    const headers: http.OutgoingHttpHeaders = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'accept-encoding': 'identity',
    };
    if (this.authorization !== undefined) headers.authorization = this.authorization;
    return new Promise((resolve, reject) => {
      const req = this.request(url, { method: 'POST', agent: this.agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error) => fail(error));
        res.on('end', () => {
          clearTimeout(timer);
          // decoded once the whole body is in, so a character split across chunks stays whole
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          let parsed: unknown;
          try {
            parsed = text === '' ? undefined : JSON.parse(text);
          } catch (error) {
            reject(
              new DocumentsFetchError(
                `${url.pathname}: unreadable answer (${status})`,
                status,
                undefined,
                {
                  cause: error,
                },
              ),
            );
            return;
          }
          if (status === 200) {
            resolve(parsed as DocumentsPage<T>);
            return;
          }
          const problem = (parsed ?? {}) as { code?: unknown; message?: unknown };
          const code = typeof problem.code === 'string' ? problem.code : undefined;
          const message = typeof problem.message === 'string' ? problem.message : text;
          reject(new DocumentsFetchError(`${url.pathname}: ${status} ${message}`, status, code));
        });
      });
      const fail = (error: unknown) => {
        clearTimeout(timer);
        req.destroy();
        reject(
          error instanceof DocumentsFetchError
            ? error
            : new DocumentsFetchError(`${url.pathname}: request failed`, undefined, undefined, {
                cause: error,
              }),
        );
      };
      const timer = setTimeout(
        () => fail(new DocumentsFetchError(`${url.pathname}: no answer in ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
      req.on('error', fail);
      req.end(body);
    });
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.agent.destroy();
  }

  onModuleDestroy(): void {
    this.close();
  }
}
