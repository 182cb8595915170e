import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import type { OrgEntity, WebhookDeliveryEntity, WebhookEndpointEntity } from "../entities";
import { OrgFrom, type Rule } from "../graphql/auth-checker";
import type { GqlContext } from "../graphql/context";
import { PageArgs } from "../graphql/types/args.type";
import { OrgType } from "../graphql/types/org.type";
import {
  CreatedWebhookEndpointType,
  WebhookDeliveryConnectionType,
  WebhookDeliveryType,
  WebhookEndpointType,
} from "../graphql/types/webhook.type";
import { encodeDeliveryCursor } from "./webhook-endpoint.service";

const toEndpoint = ({ id, url, eventTypes, createdAt, disabledAt, failingSince }: WebhookEndpointEntity): WebhookEndpointType => ({
  id,
  url,
  eventTypes,
  createdAt,
  disabled: disabledAt !== null,
  failingSince,
});

const toDelivery = (d: WebhookDeliveryEntity): WebhookDeliveryType => ({
  id: d.id,
  eventId: d.eventId,
  eventType: d.eventType,
  endpointId: d.endpointId,
  status: d.status,
  attempts: d.attempts,
  lastAttemptAt: d.lastAttemptAt,
  lastResponseStatus: d.lastResponseStatus,
  lastError: d.lastError,
  nextAttemptAt: d.status === "PENDING" ? d.nextAttemptAt : null,
  createdAt: d.createdAt,
});

/** Outbound webhooks (contract addition "events"): OWNER and ADMIN manage endpoints and read the delivery log. */
@Resolver(() => OrgType)
export class WebhookResolver {
  @Authorized<Rule>("ADMIN", "STAFF_READ")
  @FieldResolver(() => [WebhookEndpointType])
  async webhookEndpoints(@Root() org: OrgEntity, @Ctx() ctx: GqlContext): Promise<WebhookEndpointType[]> {
    return (await ctx.services.webhookEndpoints.list(org.id)).map(toEndpoint);
  }

  @Authorized<Rule>("ADMIN", "STAFF_READ")
  @FieldResolver(() => WebhookDeliveryConnectionType, { description: "Newest first; `first` 1 to 100 (default 20)." })
  async webhookDeliveries(
    @Root() org: OrgEntity,
    @Ctx() ctx: GqlContext,
    @Args() { first }: PageArgs,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<WebhookDeliveryConnectionType> {
    const { deliveries, hasNextPage } = await ctx.services.webhookEndpoints.deliveriesPage(org.id, first ?? null, after ?? null);
    const edges = deliveries.map((d) => ({ cursor: encodeDeliveryCursor(d), node: toDelivery(d) }));
    return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  @Authorized<Rule>("ADMIN")
  @OrgFrom("orgId")
  @Mutation(() => CreatedWebhookEndpointType)
  async createWebhookEndpoint(
    @Arg("orgId", () => ID) orgId: string,
    @Arg("url") url: string,
    @Arg("eventTypes", () => [String]) eventTypes: string[],
    @Ctx() ctx: GqlContext,
  ): Promise<CreatedWebhookEndpointType> {
    const { endpoint, secret } = await ctx.services.webhookEndpoints.create(ctx.actor, orgId, url, eventTypes);
    return { endpoint: toEndpoint(endpoint), secret };
  }

  @Authorized<Rule>("ADMIN")
  @OrgFrom("orgId")
  @Mutation(() => Boolean)
  async deleteWebhookEndpoint(
    @Arg("orgId", () => ID) orgId: string,
    @Arg("endpointId", () => ID) endpointId: string,
    @Ctx() ctx: GqlContext,
  ): Promise<boolean> {
    await ctx.services.webhookEndpoints.delete(ctx.actor, orgId, endpointId);
    return true;
  }

  @Authorized<Rule>("ADMIN")
  @OrgFrom("orgId")
  @Mutation(() => WebhookDeliveryType, { description: "Sends a delivery's event again: a new attempt, the same event id." })
  async redeliverWebhook(
    @Arg("orgId", () => ID) orgId: string,
    @Arg("deliveryId", () => ID) deliveryId: string,
    @Ctx() ctx: GqlContext,
  ): Promise<WebhookDeliveryType> {
    return toDelivery(await ctx.services.webhookEndpoints.redeliver(orgId, deliveryId));
  }

  @Authorized<Rule>("ADMIN")
  @OrgFrom("orgId")
  @Mutation(() => WebhookDeliveryType, { description: "Sends a `ping` event to an endpoint." })
  async pingWebhookEndpoint(
    @Arg("orgId", () => ID) orgId: string,
    @Arg("endpointId", () => ID) endpointId: string,
    @Ctx() ctx: GqlContext,
  ): Promise<WebhookDeliveryType> {
    return toDelivery(await ctx.services.webhookEndpoints.ping(ctx.actor, orgId, endpointId));
  }
}
