import {
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
  type EnqueuedTaskPromise,
  type Task,
} from 'meilisearch';

/** How long to wait for one task: a relay batch is small, a reindex page is 5,000 documents. */
export const TASK_TIMEOUT_MS = { relay: 30_000, bulk: 300_000 } as const;

/** A Meilisearch task that finished with a status other than `succeeded`. */
export class SearchTaskFailedError extends Error {
  constructor(readonly task: Task) {
    super(
      `Meilisearch task ${task.uid} (${task.type}) ${task.status}: ` +
        `${task.error?.code ?? 'no code'}: ${task.error?.message ?? 'no message'}`,
    );
    this.name = 'SearchTaskFailedError';
  }

  get code(): string | undefined {
    return this.task.error?.code;
  }
}

/**
 * How often a wait asks for the task's status: often for the relay's small tasks (freshness),
 * less for bulk work, which takes seconds to minutes. The client adds one listener to the wait's
 * abort signal per status request and keeps it until the wait ends, so at 25 ms a page of a large
 * reindex (~40 s per 5,000 documents near a million) gathered over 1,500 of them.
 */
const TASK_POLL_MS = { relay: 25, bulk: 100 } as const;

/** The status-request interval for a wait of at most `timeout`: bulk pace for bulk work. */
export function taskPollMs(timeout: number): number {
  return timeout >= TASK_TIMEOUT_MS.bulk ? TASK_POLL_MS.bulk : TASK_POLL_MS.relay;
}

/**
 * Enqueues, waits and checks the final status: the client's `waitTask` resolves for failed and
 * canceled tasks too.
 */
export async function expectTaskSucceeded(
  enqueued: EnqueuedTaskPromise,
  timeout: number = TASK_TIMEOUT_MS.relay,
  interval: number = taskPollMs(timeout),
): Promise<Task> {
  const task = await enqueued.waitTask({ timeout, interval });
  if (task.status !== 'succeeded') throw new SearchTaskFailedError(task);
  return task;
}

const TRANSIENT_TASK_ERRORS = new Set([
  'internal',
  'io_error',
  'no_space_left_on_device',
  'database_size_limit_reached',
  'too_many_open_files',
]);

/**
 * True when the failure says nothing about the documents: Meilisearch is unreachable, slow, or
 * failing internally. Such rows wait and retry forever; only document-level failures count
 * towards dead-lettering.
 */
export function isSearchUnavailable(error: unknown): boolean {
  if (
    error instanceof MeilisearchRequestError ||
    error instanceof MeilisearchRequestTimeOutError ||
    error instanceof MeilisearchTaskTimeOutError
  ) {
    return true;
  }
  if (error instanceof MeilisearchApiError) {
    return error.response.status >= 500 || error.response.status === 429;
  }
  if (error instanceof SearchTaskFailedError) {
    return error.task.status === 'canceled' || TRANSIENT_TASK_ERRORS.has(error.code ?? '');
  }
  return false;
}

/** True when Meilisearch answered that the index does not exist. */
export function isIndexNotFound(error: unknown): boolean {
  if (error instanceof SearchTaskFailedError) return error.code === 'index_not_found';
  if (error instanceof MeilisearchApiError) return error.cause?.code === 'index_not_found';
  return false;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
