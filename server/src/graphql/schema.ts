import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { authChecker } from "./auth-checker";
import { AuthResolver } from "./resolvers/auth.resolver";
import { CatalogResolver } from "./resolvers/catalog.resolver";
import { LedgerResolver } from "./resolvers/ledger.resolver";
import { BillingResolver } from "./resolvers/billing.resolver";
import { CreditsResolver } from "./resolvers/credits.resolver";
import { CreditHistoryResolver } from "./resolvers/credit-history.resolver";
import { MemberResolver } from "./resolvers/member.resolver";
import { OrgResolver } from "./resolvers/org.resolver";
import { OrgResourceResolver } from "./resolvers/space.resolver";
import { DateTimeScalar } from "./scalars";

let built: Promise<GraphQLSchema> | undefined;

/** The executable schema; built once per process (type-graphql's metadata is global). */
export function graphqlSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [
      AuthResolver,
      OrgResolver,
      MemberResolver,
      OrgResourceResolver,
      CreditsResolver,
      BillingResolver,
      CatalogResolver,
      LedgerResolver,
      CreditHistoryResolver,
    ],
    authChecker,
    authMode: "error",
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
  });
  return built;
}
