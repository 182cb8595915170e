import type { ApolloServerPlugin } from "@apollo/server";
import { type FieldNode, Kind, type OperationDefinitionNode, type ValueNode } from "graphql";
import type { Config } from "../config";
import { rateLimited } from "../common/errors";
import type { Actor } from "../common/actor";
import { type LimiterStore, take } from "./limiter-store";

/** Buckets hold ten seconds' worth of operations: a burst may use them at once. */
const WINDOW_SECONDS = 10;

/**
 * Rate limits that count operations, not HTTP requests: every root field of a request
 * (every call of a usage batch) takes a token from its caller's bucket: the API key, the
 * signed-in user, or the client address for anonymous callers; sign-ups also count per
 * address per hour. Shared by every process with REDIS_URL (see LimiterStore).
 */
export class OperationLimits {
  private readonly keys;
  private readonly users;
  private readonly anonymous;
  private readonly signUps;

  constructor(store: LimiterStore, config: Config) {
    const perWindow = (perSecond: number) => Math.max(1, perSecond * WINDOW_SECONDS);
    this.keys = store.bucket({ name: "ops-key", points: perWindow(config.rateLimitKeyPerSecond), durationSeconds: WINDOW_SECONDS });
    this.users = store.bucket({ name: "ops-user", points: perWindow(config.rateLimitUserPerSecond), durationSeconds: WINDOW_SECONDS });
    this.anonymous = store.bucket({
      name: "ops-ip",
      points: perWindow(config.rateLimitAnonymousPerSecond),
      durationSeconds: WINDOW_SECONDS,
    });
    this.signUps = store.bucket({ name: "signups-ip", points: Math.max(1, config.signUpsPerIpPerHour), durationSeconds: 3600 });
  }

  /** Takes `operations` tokens for the caller; the seconds to wait when the bucket is short. */
  take(actor: Actor, ip: string, operations: number): Promise<number | null> {
    if (operations <= 0) return Promise.resolve(null);
    if (actor.kind === "apiKey") return take(this.keys, actor.apiKey.id, operations);
    if (actor.kind === "user") return take(this.users, actor.user.id, operations);
    return take(this.anonymous, ip, operations);
  }

  takeSignUp(ip: string): Promise<number | null> {
    return take(this.signUps, ip);
  }
}

/** Apollo plugin: charges each operation's root fields before anything runs. It needs only who calls and from where. */
export function operationLimitsPlugin(limits: OperationLimits): ApolloServerPlugin<{ actor: Actor; ip: string }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue, request, response }) {
          if (!operation) return;
          const { operations, signUps } = countOperations(operation, request.variables ?? {});
          let wait = await limits.take(contextValue.actor, contextValue.ip, operations);
          for (let i = 0; wait === null && i < signUps; i++) wait = await limits.takeSignUp(contextValue.ip);
          if (wait === null) return;
          response.http.headers.set("retry-after", String(wait));
          const error = rateLimited(wait);
          error.extensions.http = { status: 429 };
          throw error;
        },
      };
    },
  };
}

/** Root fields of the operation (introspection is free), a usage batch counting each of its calls. */
export function countOperations(
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): { operations: number; signUps: number } {
  let operations = 0;
  let signUps = 0;
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || selection.name.value.startsWith("__")) continue;
    operations += selection.name.value === "recordUsageBatch" ? Math.max(1, batchSize(selection, variables)) : 1;
    if (selection.name.value === "signUp") signUps++;
  }
  return { operations, signUps };
}

function batchSize(field: FieldNode, variables: Record<string, unknown>): number {
  const calls = field.arguments?.find((a) => a.name.value === "calls")?.value;
  return calls ? listLength(calls, variables) : 0;
}

function listLength(value: ValueNode, variables: Record<string, unknown>): number {
  if (value.kind === Kind.LIST) return value.values.length;
  if (value.kind === Kind.VARIABLE) {
    const given = variables[value.name.value];
    return Array.isArray(given) ? given.length : 1;
  }
  return 1;
}
