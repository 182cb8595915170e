/**
 * Per-key batching: the first call for a key starts a batch at once; calls that
 * arrive while it runs wait and go together in the next one. One transaction then
 * serves many calls, and the calls of one key are admitted in arrival order.
 */
export class Coalescer<I, O> {
  private readonly queues = new Map<
    string,
    { items: { input: I; resolve: (o: O) => void; reject: (e: unknown) => void }[]; running: boolean }
  >();

  constructor(
    private readonly run: (key: string, inputs: I[]) => Promise<O[]>,
    private readonly maxBatch = 500,
  ) {}

  submit(key: string, input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      let queue = this.queues.get(key);
      if (!queue) {
        queue = { items: [], running: false };
        this.queues.set(key, queue);
      }
      queue.items.push({ input, resolve, reject });
      if (!queue.running) void this.drain(key, queue);
    });
  }

  submitMany(key: string, inputs: I[]): Promise<O[]> {
    return Promise.all(inputs.map((input) => this.submit(key, input)));
  }

  private async drain(
    key: string,
    queue: { items: { input: I; resolve: (o: O) => void; reject: (e: unknown) => void }[]; running: boolean },
  ): Promise<void> {
    queue.running = true;
    try {
      while (queue.items.length > 0) {
        const batch = queue.items.splice(0, this.maxBatch);
        try {
          const outputs = await this.run(
            key,
            batch.map((b) => b.input),
          );
          for (const [i, b] of batch.entries()) b.resolve(outputs[i]);
        } catch (error) {
          for (const b of batch) b.reject(error);
        }
      }
    } finally {
      queue.running = false;
      this.queues.delete(key);
    }
  }
}
