import type { ApiKeyEntity, UserEntity } from "../entities";

/** Who is calling: a signed-in user, an org's API key, or nobody. */
export type Actor =
  | { kind: "anonymous" }
  | { kind: "user"; user: UserEntity; isStaff: boolean; sessionTokenHash: string }
  | { kind: "apiKey"; apiKey: ApiKeyEntity };

export type UserActor = Extract<Actor, { kind: "user" }>;

/** What the audit log records of an actor. */
export function auditActor(actor: Actor): { actorUserId: string | null; actorEmail: string | null; actorApiKeyId: string | null } {
  switch (actor.kind) {
    case "user":
      return { actorUserId: actor.user.id, actorEmail: actor.user.email, actorApiKeyId: null };
    case "apiKey":
      return { actorUserId: null, actorEmail: null, actorApiKeyId: actor.apiKey.id };
    default:
      return { actorUserId: null, actorEmail: null, actorApiKeyId: null };
  }
}
