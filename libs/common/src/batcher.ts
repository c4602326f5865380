/**
 * Turns single calls into batches, for work that costs one round trip whether it is about one
 * item or a hundred. Calls made in the same turn of the event loop go together at the end of it
 * (`setImmediate`): under light load a call waits for nothing but the code already running, and
 * the jobs a queue worker starts from one read of its socket share a round trip. Calls made while
 * `maxInFlight` batches are running wait together and go as the next batch, up to `maxSize` at a
 * time: under a burst, many concurrent callers share a round trip.
 *
 * `run` answers one result per input, in order. When a batch of several fails, each of its items
 * is run again alone, so that one bad item fails its own caller and nobody else's.
 */
export class Batcher<In, Out> {
  private readonly waiting: Waiting<In, Out>[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly run: (inputs: In[]) => Promise<Out[]>,
    private readonly options: { maxSize: number; maxInFlight: number },
  ) {}

  call(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.dispatch();
      });
    });
  }

  private dispatch(): void {
    while (this.inFlight < this.options.maxInFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.options.maxSize);
      this.inFlight++;
      void this.settle(batch).finally(() => {
        this.inFlight--;
        this.dispatch();
      });
    }
  }

  private async settle(batch: Waiting<In, Out>[]): Promise<void> {
    try {
      const outputs = await this.run(batch.map((w) => w.input));
      if (outputs.length !== batch.length) {
        throw new Error(`Batcher: ${outputs.length} results for ${batch.length} inputs`);
      }
      batch.forEach((w, i) => w.resolve(outputs[i]));
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      await Promise.all(batch.map((w) => this.settle([w])));
    }
  }
}

interface Waiting<In, Out> {
  input: In;
  resolve: (output: Out) => void;
  reject: (error: unknown) => void;
}
