import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { AuthResolver } from "../accounts/auth.resolver";
import { UsageResolver } from "../analytics/usage.resolver";
import { BillingResolver } from "../billing/billing.resolver";
import { CatalogResolver } from "../billing/catalog.resolver";
import { PersonalPlanResolver } from "../billing/personal-plan.resolver";
import { CreditHistoryResolver } from "../credits/credit-history.resolver";
import { CreditsResolver } from "../credits/credits.resolver";
import { UsageAlertResolver } from "../credits/usage-alert.resolver";
import { WebhookResolver } from "../webhooks/webhook.resolver";
import { CapIncreaseResolver } from "../credits/cap-increase.resolver";
import { DevToolsResolver } from "../dev-tools/dev-tools.resolver";
import { LedgerResolver } from "../support/ledger.resolver";
import { SupportResolver } from "../support/support.resolver";
import { MemberResolver } from "../teams/member.resolver";
import { OrgResolver } from "../teams/org.resolver";
import { OrgResourceResolver } from "../teams/space.resolver";
import { authChecker } from "./auth-checker";
import { DateTimeScalar } from "./scalars";
import { validateInput } from "./validate-input";

let built: Promise<GraphQLSchema> | undefined;

/** The executable schema; built once per process (type-graphql's metadata is global). */
export function graphqlSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    // By domain: accounts, teams, credits, billing, analytics, support, dev tools.
    resolvers: [
      AuthResolver,
      OrgResolver,
      MemberResolver,
      OrgResourceResolver,
      CreditsResolver,
      CreditHistoryResolver,
      UsageAlertResolver,
      WebhookResolver,
      CapIncreaseResolver,
      BillingResolver,
      PersonalPlanResolver,
      CatalogResolver,
      UsageResolver,
      LedgerResolver,
      SupportResolver,
      DevToolsResolver,
    ],
    authChecker,
    authMode: "error",
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    // Limits declared on the input classes (common/input-rules.ts); format-error.ts words the refusal.
    validateFn: validateInput,
  });
  return built;
}
