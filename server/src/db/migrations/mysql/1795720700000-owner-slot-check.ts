import type { MigrationInterface, QueryRunner } from "typeorm";

// Hand-written: TypeORM does not emit @Check constraints for MySQL. MariaDB 10.2+ and
// MySQL 8.0.16+ enforce them, so the one-OWNER rule is held by the database on both.
export class OwnerSlotCheck1795720700000 implements MigrationInterface {
  name = "OwnerSlotCheck1795720700000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "ALTER TABLE `membership` ADD CONSTRAINT `ck_membership_owner_slot` CHECK ((`role` = 'OWNER' AND COALESCE(`ownerSlot`, 0) = 1 AND `active` = 1) OR (`role` <> 'OWNER' AND `ownerSlot` IS NULL))",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `membership` DROP CONSTRAINT `ck_membership_owner_slot`");
  }
}
