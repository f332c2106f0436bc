/**
 * Long work on the server's one thread, cut into slices of about `budgetMs`
 * of wall-clock time with turns of the event loop between them, so requests
 * that arrive meanwhile wait a slice, not the whole. Why time and not a count
 * of items: on a loaded machine the same count of items took five times as
 * long, and a request waited that much longer.
 * `const due = timeSlices(); for (const x of xs) { await due(); work(x); }`
 * (`due()` resolves at once, without a turn, while the slice lasts.)
 */
export function timeSlices(budgetMs = 4): () => Promise<void> | undefined {
  let sliceStart = Date.now();
  return () => {
    if (Date.now() - sliceStart < budgetMs) return undefined;
    return letRequestsIn().then(() => { sliceStart = Date.now(); });
  };
}

/**
 * Resolves after a turn of the event loop, in which waiting input (a
 * request) is read and handled. `setImmediate` where there is one (Node):
 * `setTimeout(0)` waits a millisecond with the thread asleep, and on a busy
 * machine a sleeping thread waits far longer than that for a core again.
 */
export function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => {
    if (typeof setImmediate === 'function') setImmediate(resolve);
    else setTimeout(resolve, 0);
  });
}

/** How many turns of the event loop `letRequestsIn` gives: up to that many queued messages are handled. */
const LOOP_TURNS = 16;

/**
 * Lets the connection handle what arrived while a long task ran, before the
 * task's next slice. vscode-jsonrpc handles one message per `setImmediate`,
 * so a single turn let in one hover per slice and the rest queued up (hovers
 * every 20 ms waited 450 ms behind a 2,000-quotation check). Each turn reads
 * waiting input and handles one queued message; an idle turn costs microseconds.
 */
export async function letRequestsIn(): Promise<void> {
  for (let i = 0; i < LOOP_TURNS; i++) await nextTurn();
}
