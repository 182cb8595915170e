import { Entity, Index } from "typeorm";
import { DateTimeColumn, IdColumn, RefColumn, StringColumn } from "../db/columns";

/**
 * Names are unique per org by `nameKey` (see `spaceNameKey`): case-folded and NFC, and
 * compared byte for byte on both databases (a NO PAD binary collation on MySQL, set by the
 * migration; SQLite compares bytes). So "Main" and "main" are one Space while "🚀" and
 * "🔥", or "Cafe" and "Café", are two; MySQL's default collation would call every emoji
 * equal and SQLite would not, so the databases used to disagree.
 */
@Entity("space")
@Index("uq_space_org_name_key", ["orgId", "nameKey"], { unique: true })
export class SpaceEntity {
  @IdColumn() id: string;
  @RefColumn() orgId: string;
  @StringColumn(120) name: string;
  @StringColumn(120) nameKey: string;
  @DateTimeColumn() createdAt: Date;
}

/** The key that makes two Space names the same name (`name` is already trimmed and its spaces collapsed). */
export const spaceNameKey = (name: string): string => name.normalize("NFC").toLowerCase();
