import type { Server } from "node:http";
import type { RequestHandler } from "express";

/**
 * Graceful shutdown of the HTTP side: stop accepting connections, let the requests in
 * flight finish (up to a deadline), then close what is left.
 */
export class HttpDrain {
  /** Requests received and not yet answered (a gauge of `/metrics`). */
  inFlight = 0;
  private idle: (() => void) | undefined;
  /** True once `close` began: `/readyz` answers 503 so a load balancer stops sending. */
  draining = false;

  readonly track: RequestHandler = (_req, res, next) => {
    // Keep-alive clients open a new connection (to another server) for their next request.
    if (this.draining) res.setHeader("Connection", "close");
    this.inFlight++;
    res.once("close", () => {
      this.inFlight--;
      if (this.inFlight === 0) this.idle?.();
    });
    next();
  };

  async close(server: Server, deadlineMs: number): Promise<void> {
    this.draining = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    if (this.inFlight > 0) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        this.idle = resolve;
        timer = setTimeout(resolve, deadlineMs);
      });
      clearTimeout(timer);
    }
    server.closeAllConnections();
    await closed;
  }
}
