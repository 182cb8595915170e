import { UsageAlerts1796528778832 } from "./1796528778832-usage-alerts";
import { RefusedCalls1796523131827 } from "./1796523131827-refused-calls";
import { ExactUnderAdversaries1796235437551 } from "./1796235437551-exact-under-adversaries";
import { Identity1796235254050 } from "./1796235254050-identity";
import { InvoiceTotals1795743642823 } from "./1795743642823-invoice-totals";
import { AuditPaging1795743355521 } from "./1795743355521-audit-paging";
import { UsageRollupLevels1795737126443 } from "./1795737126443-usage-rollup-levels";
import { UsageRollups1795725543650 } from "./1795725543650-usage-rollups";
import { DowngradeAndEnterprise1795724316177 } from "./1795724316177-downgrade-and-enterprise";
import { InvoicesAndBillingDetails1795723836279 } from "./1795723836279-invoices-and-billing-details";
import { SeatSync1795723609220 } from "./1795723609220-seat-sync";
import { StripeBilling1795723261157 } from "./1795723261157-stripe-billing";
import { CreditsEngine1795721757656 } from "./1795721757656-credits-engine";
import { Init1795720667768 } from "./1795720667768-init";
import { OwnerSlotCheck1795720700000 } from "./1795720700000-owner-slot-check";
// The mysql migrations in order. `pnpm --filter @team-billing/server migration:generate Name` appends to this list.
export const MYSQL_MIGRATIONS: Function[] = [Init1795720667768, OwnerSlotCheck1795720700000, CreditsEngine1795721757656, StripeBilling1795723261157, SeatSync1795723609220, InvoicesAndBillingDetails1795723836279, DowngradeAndEnterprise1795724316177, UsageRollups1795725543650, UsageRollupLevels1795737126443, AuditPaging1795743355521, InvoiceTotals1795743642823, Identity1796235254050, ExactUnderAdversaries1796235437551, RefusedCalls1796523131827, UsageAlerts1796528778832];
