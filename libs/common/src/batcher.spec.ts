import { Batcher } from './batcher';

/** A `run` whose batches stay open until the test releases them, recording what each batch held. */
function controlledRun() {
  const batches: number[][] = [];
  const releases: (() => void)[] = [];
  const run = (inputs: number[]) => {
    batches.push(inputs);
    return new Promise<string[]>((resolve) => releases.push(() => resolve(inputs.map((n) => `#${n}`))));
  };
  return { batches, releases, run };
}

/** Lets the promise callbacks queued so far run (a batch that ended hands over to the next in a later microtask). */
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('Batcher', () => {
  it('runs a call alone at the end of the turn when nothing is in flight', async () => {
    const { batches, releases, run } = controlledRun();
    const batcher = new Batcher(run, { maxSize: 10, maxInFlight: 1 });
    const answer = batcher.call(1);
    expect(batches).toEqual([]);
    await settled();
    expect(batches).toEqual([[1]]);
    releases[0]();
    await expect(answer).resolves.toBe('#1');
  });

  it('gathers the calls of one turn into one batch, and those made while a batch is in flight into the next, up to maxSize, and answers each its own result', async () => {
    const { batches, releases, run } = controlledRun();
    const batcher = new Batcher(run, { maxSize: 3, maxInFlight: 1 });
    const first = [1, 2].map((n) => batcher.call(n));
    await settled();
    const answers = [3, 4, 5, 6, 7].map((n) => batcher.call(n));
    await settled();
    expect(batches).toEqual([[1, 2]]);
    releases[0]();
    await settled();
    expect(batches).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
    releases[1]();
    await settled();
    expect(batches).toEqual([
      [1, 2],
      [3, 4, 5],
      [6, 7],
    ]);
    releases[2]();
    await expect(Promise.all([...first, ...answers])).resolves.toEqual(['#1', '#2', '#3', '#4', '#5', '#6', '#7']);
  });

  it('keeps up to maxInFlight batches running at once', async () => {
    const { batches, run } = controlledRun();
    const batcher = new Batcher(run, { maxSize: 2, maxInFlight: 2 });
    [1, 2, 3, 4, 5].forEach((n) => void batcher.call(n));
    await settled();
    expect(batches).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('runs the items of a failed batch again alone, so that only the bad one fails', async () => {
    const seen: number[][] = [];
    const batcher = new Batcher(
      async (inputs: number[]) => {
        seen.push(inputs);
        if (inputs.includes(13)) throw new Error('thirteen');
        return inputs.map((n) => n * 2);
      },
      { maxSize: 10, maxInFlight: 1 },
    );
    const first = batcher.call(1);
    await settled();
    const rest = [12, 13, 14].map((n) => batcher.call(n));
    await expect(first).resolves.toBe(2);
    const outcomes = await Promise.allSettled(rest);
    expect(outcomes.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).toEqual([24, 'thirteen', 28]);
    expect(seen).toEqual([[1], [12, 13, 14], [12], [13], [14]]);
  });

  it('fails the callers when run answers the wrong number of results', async () => {
    const batcher = new Batcher(async () => [], { maxSize: 10, maxInFlight: 1 });
    await expect(batcher.call(1)).rejects.toThrow('Batcher: 0 results for 1 inputs');
  });
});
