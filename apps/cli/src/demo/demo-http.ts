/** A signed-in demo user: who they are and the token to act as them. */
export interface Session {
  email: string;
  accessToken: string;
  userId: string;
  organisationId: string | null;
}

/**
 * A small JSON client for the API the demo data is written through: every write goes through
 * the same validation, services, transactions and outbox as a user's request.
 */
export class DemoHttp {
  constructor(private readonly baseUrl: string) {}

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { as?: Session; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<{ body: T; headers: Headers }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.as === undefined ? {} : { authorization: `Bearer ${options.as.accessToken}` }),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return { body: (text === '' ? {} : JSON.parse(text)) as T, headers: res.headers };
  }

  async post<T = Record<string, unknown>>(path: string, body: unknown, as?: Session): Promise<T> {
    return (await this.request<T>('POST', path, { body, as })).body;
  }

  async get<T = Record<string, unknown>>(path: string, as?: Session): Promise<T> {
    return (await this.request<T>('GET', path, { as })).body;
  }

  /** Signs in with e-mail and password. */
  async login(email: string, password: string): Promise<Session> {
    return toSession(email, await this.post('/api/auth/login', { email, password }));
  }

  /** Registers a trainee or company account and returns its session. */
  async register(body: { email: string } & Record<string, unknown>): Promise<Session> {
    return toSession(body.email, await this.post('/api/auth/register', body));
  }
}

function toSession(email: string, body: Record<string, unknown>): Session {
  const user = body.user as { id: string; organisationId: string | null };
  return {
    email,
    accessToken: body.accessToken as string,
    userId: user.id,
    organisationId: user.organisationId,
  };
}

/** Runs `task` over `items`, `concurrency` at a time, in order of start. */
export async function forEachLimit<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) await task(items[i], i);
    }),
  );
}
