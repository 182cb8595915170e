import { Init1795720667656 } from "./1795720667656-init";
// The sqlite migrations in order. `pnpm --filter @team-billing/server migration:generate Name` appends to this list.
export const SQLITE_MIGRATIONS: Function[] = [Init1795720667656];
