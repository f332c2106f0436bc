/** How many turns of the event loop `letRequestsIn` gives: up to that many queued messages are handled. */
const LOOP_TURNS = 16;

/**
 * Lets the connection handle what arrived while a long task ran, before the
 * task's next turn. vscode-jsonrpc handles one message per `setImmediate`,
 * so a single yield let in one hover per turn of the task and the rest
 * queued up (hovers every 20 ms waited 450 ms behind a 2,000-quotation
 * check). A timer first, so that input is read; then several turns of the
 * loop, each handling one queued message (an idle turn costs microseconds).
 */
export async function letRequestsIn(): Promise<void> {
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  for (let i = 0; i < LOOP_TURNS; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
