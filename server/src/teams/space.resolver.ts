import type { ApiKeyScope } from "@team-billing/shared";
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { SpaceEntity } from "../entities";
import { OrgFrom, type Rule } from "../graphql/auth-checker";
import { type GqlContext, userActor } from "../graphql/context";
import { CreatedApiKeyType, SpaceType } from "../graphql/types/account.type";
import { ApiKeyScopeEnum } from "../graphql/types/enums";

/** Spaces and API keys: the org's resources that OWNER and ADMIN manage. */
@Resolver()
export class OrgResourceResolver {
  @Authorized<Rule>("ADMIN")
  @OrgFrom("orgId")
  @Mutation(() => SpaceType)
  createSpace(@Arg("orgId", () => ID) orgId: string, @Arg("name") name: string, @Ctx() ctx: GqlContext): Promise<SpaceEntity> {
    return ctx.services.spaces.create(userActor(ctx), orgId, name);
  }

  @Authorized<Rule>("ADMIN")
  @OrgFrom("orgId")
  @Mutation(() => SpaceType, { description: "OWNER or ADMIN." })
  renameSpace(
    @Arg("orgId", () => ID) orgId: string,
    @Arg("spaceId", () => ID) spaceId: string,
    @Arg("name") name: string,
    @Ctx() ctx: GqlContext,
  ): Promise<SpaceEntity> {
    return ctx.services.spaces.rename(userActor(ctx), orgId, spaceId, name);
  }

  @Authorized<Rule>("ADMIN")
  @OrgFrom("orgId")
  @Mutation(() => CreatedApiKeyType)
  createApiKey(
    @Arg("orgId", () => ID) orgId: string,
    @Arg("name") name: string,
    @Arg("scopes", () => [ApiKeyScopeEnum]) scopes: ApiKeyScope[],
    @Ctx() ctx: GqlContext,
  ): Promise<CreatedApiKeyType> {
    return ctx.services.apiKeys.create(userActor(ctx), orgId, name, scopes);
  }

  @Authorized<Rule>("ADMIN")
  @OrgFrom("orgId")
  @Mutation(() => Boolean)
  async revokeApiKey(
    @Arg("orgId", () => ID) orgId: string,
    @Arg("apiKeyId", () => ID) apiKeyId: string,
    @Ctx() ctx: GqlContext,
  ): Promise<boolean> {
    await ctx.services.apiKeys.revoke(userActor(ctx), orgId, apiKeyId);
    return true;
  }
}
