/** The fields of a claimed outbox row that decide how it is grouped. */
export interface CoalescibleRow {
  id: string;
  target: string;
  documentId: string;
  attempts: number;
}

/** All claimed rows of one document: it is loaded and written once for all of them. */
export interface DocumentWork<R extends CoalescibleRow = CoalescibleRow> {
  documentId: string;
  rows: R[];
  /** The highest attempt count among its rows (drives backoff and dead-lettering). */
  attempts: number;
}

/**
 * Groups claimed rows by target (index) and then by document, keeping first-seen order, so ten
 * changes to one document become one load and one write.
 */
export function coalesceRows<R extends CoalescibleRow>(rows: R[]): Map<string, DocumentWork<R>[]> {
  const byTarget = new Map<string, Map<string, DocumentWork<R>>>();
  for (const row of rows) {
    let documents = byTarget.get(row.target);
    if (documents === undefined) {
      documents = new Map();
      byTarget.set(row.target, documents);
    }
    const work = documents.get(row.documentId);
    if (work === undefined) {
      documents.set(row.documentId, {
        documentId: row.documentId,
        rows: [row],
        attempts: row.attempts,
      });
    } else {
      work.rows.push(row);
      work.attempts = Math.max(work.attempts, row.attempts);
    }
  }
  return new Map([...byTarget].map(([target, documents]) => [target, [...documents.values()]]));
}
