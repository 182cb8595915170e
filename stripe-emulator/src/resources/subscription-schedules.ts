import type Stripe from "stripe";
import type { ProrationBehavior } from "../billing/changes";
import { cancelSchedule, type PhaseParams, release, scheduleFromSubscription, setPhases } from "../billing/schedules";
import type { Core } from "../core";
import { invalidRequest } from "../errors";
import { type ListParams, paginate } from "../list";
import { LIST_FIELDS, mergeMetadata, s } from "../params";
import { input, type Route } from "../routes";
import { PRORATION } from "./subscriptions";

const INTERVALS = ["day", "week", "month", "year"] as const;

const phaseFields = s.obj({
  items: s.req(s.arr(s.obj({ price: s.str(), quantity: s.int({ min: 1 }), metadata: s.meta() }))),
  start_date: s.ts({ now: true }),
  end_date: s.ts({ now: true }),
  duration: s.obj({ interval: s.req(s.enum(INTERVALS)), interval_count: s.int({ min: 1 }) }),
  proration_behavior: s.enum(PRORATION),
  metadata: s.meta(),
});

function findSchedule(core: Core, id: string): Stripe.SubscriptionSchedule {
  return core.store.schedules.find(id);
}

export const scheduleRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/subscription_schedules",
    fields: {
      from_subscription: s.str(),
      customer: s.str(),
      phases: s.arr(phaseFields),
      start_date: s.ts({ now: true }),
      end_behavior: s.str(),
    },
    handler: (ctx) => {
      const p = input<{ from_subscription?: string; customer?: string; phases?: unknown[] }>(ctx);
      if (!p.from_subscription) {
        throw invalidRequest(
          "The Stripe emulator creates subscription schedules only from an existing subscription: pass from_subscription, then update the schedule's phases.",
          "from_subscription",
          "parameter_missing",
        );
      }
      if (p.customer || p.phases) {
        throw invalidRequest("You cannot set `customer` or `phases` if `from_subscription` is set.", p.customer ? "customer" : "phases");
      }
      return scheduleFromSubscription(ctx.core, ctx.core.store.subscriptions.find(p.from_subscription, "from_subscription"));
    },
  },
  {
    method: "GET",
    path: "/v1/subscription_schedules/:id",
    fields: {},
    handler: (ctx) => findSchedule(ctx.core, ctx.params.id),
  },
  {
    method: "GET",
    path: "/v1/subscription_schedules",
    fields: { ...LIST_FIELDS, customer: s.str() },
    handler: (ctx) => {
      const p = input<ListParams & { customer?: string }>(ctx);
      return paginate(
        ctx.core.store.schedules.newestFirst((x) => p.customer === undefined || x.customer === p.customer),
        p,
        "/v1/subscription_schedules",
      );
    },
  },
  {
    method: "POST",
    path: "/v1/subscription_schedules/:id",
    fields: {
      phases: s.arr(phaseFields),
      end_behavior: s.enum(["release", "cancel"]),
      metadata: s.meta(),
      proration_behavior: s.enum(PRORATION),
    },
    handler: (ctx) => {
      const schedule = findSchedule(ctx.core, ctx.params.id);
      const p = input<{
        phases?: PhaseParams[];
        end_behavior?: "release" | "cancel";
        metadata?: Record<string, string | null> | null;
        proration_behavior?: ProrationBehavior;
      }>(ctx);
      if (schedule.status !== "active" && schedule.status !== "not_started") {
        throw invalidRequest(
          `You cannot update a subscription schedule that is currently in the \`${schedule.status}\` status. It must be in one of the following statuses: \`not_started\`, \`active\`.`,
        );
      }
      if (p.phases) setPhases(ctx.core, schedule, p.phases, p.proration_behavior ?? "create_prorations");
      if (p.end_behavior) schedule.end_behavior = p.end_behavior;
      schedule.metadata = mergeMetadata(schedule.metadata ?? {}, p.metadata);
      ctx.core.emit("subscription_schedule.updated", schedule);
      return schedule;
    },
  },
  {
    method: "POST",
    path: "/v1/subscription_schedules/:id/release",
    fields: { preserve_cancel_date: s.ignored() },
    handler: (ctx) => {
      const schedule = findSchedule(ctx.core, ctx.params.id);
      release(ctx.core, schedule);
      return schedule;
    },
  },
  {
    method: "POST",
    path: "/v1/subscription_schedules/:id/cancel",
    fields: { invoice_now: s.bool(), prorate: s.bool() },
    handler: (ctx) => {
      const schedule = findSchedule(ctx.core, ctx.params.id);
      const p = input<{ invoice_now?: boolean; prorate?: boolean }>(ctx);
      cancelSchedule(ctx.core, schedule, p.prorate ?? true, p.invoice_now ?? true);
      return schedule;
    },
  },
];
