import type { ApiKeyScope } from "@team-billing/shared";
import { Column, Entity, Index } from "typeorm";
import { DateTimeColumn, IdColumn, RefColumn, StringColumn } from "../db/columns";

/** An org's API key. Only the SHA-256 of the secret is kept (the secret is 256 random bits). */
@Entity("api_key")
@Index("ix_api_key_org", ["orgId"])
export class ApiKeyEntity {
  @IdColumn() id: string;
  @RefColumn() orgId: string;
  @StringColumn(120) name: string;
  /** The first characters of the secret, shown so owners can tell keys apart. */
  @StringColumn(16) prefix: string;

  @Index("uq_api_key_secret_hash", { unique: true })
  @StringColumn(64)
  secretHash: string;

  @Column({ type: "simple-array" }) scopes: ApiKeyScope[];
  @RefColumn() createdByUserId: string;
  @DateTimeColumn() createdAt: Date;
  @DateTimeColumn({ nullable: true }) lastUsedAt: Date | null;
  @DateTimeColumn({ nullable: true }) revokedAt: Date | null;
}
