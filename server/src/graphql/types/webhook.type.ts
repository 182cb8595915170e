import { Field, ID, Int, ObjectType } from "type-graphql";
import { PageInfoType } from "./usage.type";

@ObjectType("WebhookEndpoint")
export class WebhookEndpointType {
  @Field(() => ID) id: string;
  @Field() url: string;
  @Field(() => [String], { description: "Event types it receives; empty means every type." })
  eventTypes: string[];
  @Field(() => Date) createdAt: Date;
  @Field({ description: "Set after deliveries kept failing; creating it again (or a successful redelivery) re-enables." })
  disabled: boolean;
  @Field(() => Date, { nullable: true, description: "Since when every attempt has failed; null while it answers." })
  failingSince: Date | null;
}

@ObjectType("CreatedWebhookEndpoint")
export class CreatedWebhookEndpointType {
  @Field(() => WebhookEndpointType) endpoint: WebhookEndpointType;
  @Field({ description: "The signing secret (`whsec_...`), shown once." })
  secret: string;
}

@ObjectType("WebhookDelivery")
export class WebhookDeliveryType {
  @Field(() => ID) id: string;
  @Field(() => ID, { description: "The event's id: the same on every attempt (the webhook-id header)." })
  eventId: string;
  @Field() eventType: string;
  @Field(() => ID) endpointId: string;
  @Field({ description: "PENDING, SUCCEEDED or FAILED (retries exhausted)." })
  status: string;
  @Field(() => Int) attempts: number;
  @Field(() => Date, { nullable: true }) lastAttemptAt: Date | null;
  @Field(() => Int, { nullable: true }) lastResponseStatus: number | null;
  @Field(() => String, { nullable: true, description: "Why the last attempt failed, in words (HTTP 500, no answer within 10 s, ...)." })
  lastError: string | null;
  @Field(() => Date, { nullable: true, description: "When the next attempt is due (PENDING only)." })
  nextAttemptAt: Date | null;
  @Field(() => Date) createdAt: Date;
}

@ObjectType("WebhookDeliveryEdge")
export class WebhookDeliveryEdgeType {
  @Field() cursor: string;
  @Field(() => WebhookDeliveryType) node: WebhookDeliveryType;
}

@ObjectType("WebhookDeliveryConnection")
export class WebhookDeliveryConnectionType {
  @Field(() => [WebhookDeliveryEdgeType]) edges: WebhookDeliveryEdgeType[];
  @Field(() => PageInfoType) pageInfo: PageInfoType;
}
