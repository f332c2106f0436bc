/**
 * A search in steps: a generator that pauses (`yield`) between parts of its
 * work and returns its result at the end. Run whole with `finish`, or a few
 * steps at a time while a turn lasts (`VerdictCache.lookup` with a check
 * turn's token): the result is the same, since no step reads the clock.
 * `finish(retrieveSteps(index, norms, options))` is `retrieve(index, norms, options)`.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step of `steps` and returns its result. */
export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
