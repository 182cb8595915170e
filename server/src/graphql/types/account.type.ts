import type { ApiKeyScope, Role } from "@team-billing/shared";
import { Field, ID, ObjectType } from "type-graphql";
import type { AuditActorKind } from "../../common/audit.service";
import { ApiKeyScopeEnum, AuditActorKindEnum, RoleEnum } from "./enums";
import { PageInfoType } from "./usage.type";

@ObjectType("User")
export class UserType {
  @Field(() => ID) id: string;
  @Field() email: string;
  @Field() name: string;
  // plan, creditBalance, isStaff: UserResolver
}

@ObjectType("Member")
export class MemberType {
  @Field(() => ID) id: string;
  @Field(() => UserType) user: UserType;
  @Field(() => RoleEnum) role: Role;
  @Field() joinedAt: Date;
  @Field(() => ID, { description: "The org this membership belongs to." }) orgId: string;
  @Field({
    description:
      "Orgs on personal plans: whether this org's API keys may spend this member's personal credits. Only the member sets it; on for the OWNER.",
  })
  personalCreditsAllowed: boolean;
}

@ObjectType("Invitation")
export class InvitationType {
  @Field(() => ID) id: string;
  @Field() email: string;
  @Field(() => RoleEnum) role: Role;
  @Field() createdAt: Date;
  @Field({ description: "When the invitation stops working." }) expiresAt: Date;
  // acceptUrl: InvitationResolver
  orgId: string;
}

@ObjectType("Space")
export class SpaceType {
  @Field(() => ID) id: string;
  @Field() name: string;
}

@ObjectType("ApiKey")
export class ApiKeyType {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => [ApiKeyScopeEnum]) scopes: ApiKeyScope[];
  @Field(() => ID, { description: "The user who created the key: its keys are revoked when they leave the org or are removed." })
  createdByUserId: string;
  @Field(() => String, {
    nullable: true,
    description: "The name of the member who created the key (its keys are revoked when they leave).",
  })
  createdByName: string | null;
  @Field() createdAt: Date;
  @Field({ description: "The secret's first characters, to tell keys apart." }) prefix: string;
  @Field(() => Date, { nullable: true }) lastUsedAt: Date | null;
}

@ObjectType("CreatedApiKey")
export class CreatedApiKeyType {
  @Field(() => ApiKeyType) apiKey: ApiKeyType;
  @Field({ description: "Shown once; only a hash is stored." }) secret: string;
}

@ObjectType("AuditEntry")
export class AuditEntryType {
  @Field(() => ID) id: string;
  @Field() action: string;
  @Field(() => String, { nullable: true }) actorEmail: string | null;
  @Field(() => AuditActorKindEnum, { description: "A signed-in user (support staff too), an org's API key, or the product itself." })
  actorKind: AuditActorKind;
  @Field({ description: 'Who, in words: the user\'s email, `API key "name" (prefix…)`, or "Team Billing".' })
  actorName: string;
  @Field() at: Date;
  @Field(() => String, { nullable: true, description: 'JSON: {"before": ..., "after": ...}' }) details: string | null;
  @Field(() => String, {
    nullable: true,
    description: "What happened in one sentence, with names rather than ids (null only for entries older than the sentences).",
  })
  summary: string | null;
}

@ObjectType("InvitationPreview", { description: "What an invitation link offers, shown before accepting it." })
export class InvitationPreviewType {
  @Field() orgName: string;
  @Field() inviterName: string;
  @Field() email: string;
  @Field(() => RoleEnum) role: Role;
  @Field() expiresAt: Date;
  @Field({ description: "PENDING, ACCEPTED, REVOKED or EXPIRED." }) status: string;
}

@ObjectType("AuditEntryEdge")
export class AuditEntryEdgeType {
  @Field() cursor: string;
  @Field(() => AuditEntryType) node: AuditEntryType;
}

@ObjectType("AuditEntryConnection")
export class AuditEntryConnectionType {
  @Field(() => [AuditEntryEdgeType]) edges: AuditEntryEdgeType[];
  @Field(() => PageInfoType) pageInfo: PageInfoType;
}
