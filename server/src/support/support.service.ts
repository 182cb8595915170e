import { Brackets } from "typeorm";
import type { Database } from "../db/database";
import { MembershipEntity, OrgEntity, StripeCustomerEntity, UserEntity } from "../entities";
import { isId } from "../common/validate";

const MAX_RESULTS = 50;

/** Support staff's search across tenants: by org name, org id, member email, or Stripe customer id. */
export class SupportService {
  constructor(private readonly db: Database) {}

  async searchOrgs(query: string): Promise<OrgEntity[]> {
    const q = query.trim(); // 2 to 254 characters (OrgSearchArgs)
    // "!" escapes LIKE wildcards: a backslash would need different quoting on MySQL and SQLite.
    const like = `%${q.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
    const ids = new Set<string>();
    if (isId(q)) ids.add(q);
    if (q.startsWith("cus_")) {
      const customer = await this.db.manager.findOneBy(StripeCustomerEntity, { id: q, accountType: "ORG" });
      if (customer) ids.add(customer.accountId);
    }
    if (q.includes("@")) {
      const byEmail = await this.db.manager
        .createQueryBuilder(MembershipEntity, "m")
        .innerJoin(UserEntity, "u", "u.id = m.userId")
        .select("m.orgId", "orgId")
        .where("LOWER(u.email) LIKE :like ESCAPE '!'", { like })
        .limit(MAX_RESULTS)
        .getRawMany<{ orgId: string }>();
      for (const row of byEmail) ids.add(row.orgId);
    }
    return this.db.manager
      .createQueryBuilder(OrgEntity, "o")
      .where(
        new Brackets((w) => {
          w.where("LOWER(o.name) LIKE :like ESCAPE '!'", { like });
          if (ids.size > 0) w.orWhere("o.id IN (:...ids)", { ids: [...ids] });
        }),
      )
      .orderBy("o.name", "ASC")
      .limit(MAX_RESULTS)
      .getMany();
  }
}
