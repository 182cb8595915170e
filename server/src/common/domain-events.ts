import type { EntityManager } from "typeorm";
import type { Database } from "../db/database";

/** A named event carrying a payload of type P; defined by the domain that emits it. */
export interface DomainEvent<P> {
  readonly name: string;
  /** Only carries the payload's type. */
  readonly payload?: P;
}

export function domainEvent<P>(name: string): DomainEvent<P> {
  return { name };
}

type Handler<P> = (payload: P, em: EntityManager) => Promise<unknown>;

/**
 * A small in-process event bus, so a lower domain tells what happened without calling up
 * into the one that reacts (teams do not know billing's seat sync, the subscription mirror
 * does not know downgrades). The container subscribes the handlers. `emit` must run inside
 * a transaction and awaits every handler in it, in subscription order: their writes commit
 * or roll back with the emitter's.
 */
export class DomainEvents {
  private readonly handlers = new Map<string, Handler<never>[]>();

  constructor(private readonly db: Database) {}

  on<P>(event: DomainEvent<P>, handler: Handler<P>): void {
    this.handlers.set(event.name, [...(this.handlers.get(event.name) ?? []), handler as Handler<never>]);
  }

  async emit<P>(event: DomainEvent<P>, payload: P): Promise<void> {
    if (!this.db.inTransaction) throw new Error(`${event.name} emitted outside a transaction`);
    const em = this.db.em();
    for (const handler of this.handlers.get(event.name) ?? []) await (handler as Handler<P>)(payload, em);
  }
}
