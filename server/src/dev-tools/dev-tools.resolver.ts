import { Args, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { AdvanceClockArgs, PageArgs } from "../graphql/types/args.type";
import type { Rule } from "../graphql/auth-checker";
import { type GqlContext, userActor } from "../graphql/context";
import { DevMailType } from "../graphql/types/dev-mail.type";

/** Dev tools (DEV_TOOLS): the movable billing clock and the outgoing mail. */
@Resolver()
export class DevToolsResolver {
  @Authorized<Rule>("USER")
  @Query(() => Boolean, { description: "Whether devAdvanceClock works on this server (DEV_TOOLS)." })
  devToolsEnabled(@Ctx() ctx: GqlContext): boolean {
    return ctx.services.devTools.enabled;
  }

  @Authorized<Rule>("USER")
  @Mutation(() => Date, {
    description:
      "Only when dev tools are on (the embedded default): moves the server's clock and the Stripe emulator's together and runs what falls due (renewals, refills, period ends, webhooks).",
  })
  devAdvanceClock(@Args() { days }: AdvanceClockArgs, @Ctx() ctx: GqlContext): Promise<Date> {
    return ctx.services.devTools.advanceClock(userActor(ctx), days);
  }

  @Query(() => [DevMailType], {
    description:
      "Dev tools only: the outgoing mail, newest first (`first` 1 to 100, default 50), so a trial needs no SMTP server. Support staff, or anyone when STAFF_EMAILS is empty.",
  })
  async devMailbox(@Args() { first }: PageArgs, @Ctx() ctx: GqlContext): Promise<DevMailType[]> {
    return ctx.services.devTools.mailbox(ctx.actor, first ?? null);
  }
}
