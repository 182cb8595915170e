import { Corrections1796532026635 } from "./1796532026635-corrections";
import { WebhookSignals1796531867664 } from "./1796531867664-webhook-signals";
import { Webhooks1796531823166 } from "./1796531823166-webhooks";
import { UsageAlerts1796528778118 } from "./1796528778118-usage-alerts";
import { RefusedCalls1796523130280 } from "./1796523130280-refused-calls";
import { ExactUnderAdversaries1796235435129 } from "./1796235435129-exact-under-adversaries";
import { Identity1796235253109 } from "./1796235253109-identity";
import { InvoiceTotals1795743642630 } from "./1795743642630-invoice-totals";
import { AuditPaging1795743355275 } from "./1795743355275-audit-paging";
import { UsageRollupLevels1795737125803 } from "./1795737125803-usage-rollup-levels";
import { UsageRollups1795725543045 } from "./1795725543045-usage-rollups";
import { DowngradeAndEnterprise1795724315564 } from "./1795724315564-downgrade-and-enterprise";
import { InvoicesAndBillingDetails1795723835990 } from "./1795723835990-invoices-and-billing-details";
import { SeatSync1795723608764 } from "./1795723608764-seat-sync";
import { StripeBilling1795723260899 } from "./1795723260899-stripe-billing";
import { CreditsEngine1795721757427 } from "./1795721757427-credits-engine";
import { Init1795721015062 } from "./1795721015062-init";
// The sqlite migrations in order. `pnpm --filter @team-billing/server migration:generate Name` appends to this list.
export const SQLITE_MIGRATIONS: Function[] = [Init1795721015062, CreditsEngine1795721757427, StripeBilling1795723260899, SeatSync1795723608764, InvoicesAndBillingDetails1795723835990, DowngradeAndEnterprise1795724315564, UsageRollups1795725543045, UsageRollupLevels1795737125803, AuditPaging1795743355275, InvoiceTotals1795743642630, Identity1796235253109, ExactUnderAdversaries1796235435129, RefusedCalls1796523130280, UsageAlerts1796528778118, Webhooks1796531823166, WebhookSignals1796531867664, Corrections1796532026635];
