/** One input's failure in a batch's answer: that caller's promise rejects, the others' do not. */
export class Rejection {
  constructor(readonly error: unknown) {}
}

/**
 * Per-key batching: the first call for a key starts a batch at once; calls that
 * arrive while it runs wait and go together in the next one. One transaction then
 * serves many calls, and the calls of one key are admitted in arrival order.
 */
export class Coalescer<I, O> {
  private readonly queues = new Map<string, Queue<I, O>>();

  constructor(
    /** `since`: when the batch's first (longest waiting) input was submitted, ms since epoch. */
    private readonly run: (key: string, inputs: I[], since: number) => Promise<(O | Rejection)[]>,
    private readonly maxBatch = 500,
    /**
     * Before a batch starts, let the event loop turn (up to this many times) while more calls
     * keep arriving. A batch whose transaction never waits on I/O (SQLite answers synchronously)
     * would otherwise finish before the next request is even parsed, and every call would go
     * alone: one transaction each. A turn costs well under a millisecond; it stops at once
     * when nothing new came in.
     */
    private readonly gatherTurns = 0,
  ) {}

  submit(key: string, input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      let queue = this.queues.get(key);
      if (!queue) {
        queue = { items: [], running: false };
        this.queues.set(key, queue);
      }
      queue.items.push({ input, at: Date.now(), resolve, reject });
      if (!queue.running) void this.drain(key, queue);
    });
  }

  private async drain(key: string, queue: Queue<I, O>): Promise<void> {
    queue.running = true;
    try {
      while (queue.items.length > 0) {
        // Gather: wait while calls keep arriving (two quiet turns in a row end it).
        for (let turn = 0, quiet = 0; turn < this.gatherTurns && quiet < 2 && queue.items.length < this.maxBatch; turn++) {
          const seen = queue.items.length;
          await new Promise((resolve) => setImmediate(resolve));
          quiet = queue.items.length === seen ? quiet + 1 : 0;
        }
        const batch = queue.items.splice(0, this.maxBatch);
        try {
          const outputs = await this.run(
            key,
            batch.map((b) => b.input),
            batch[0].at,
          );
          for (const [i, b] of batch.entries()) {
            const output = outputs[i];
            if (output instanceof Rejection) b.reject(output.error);
            else b.resolve(output);
          }
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

interface Queue<I, O> {
  items: { input: I; at: number; resolve: (o: O) => void; reject: (e: unknown) => void }[];
  running: boolean;
}
