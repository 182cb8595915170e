import type { Clock } from "../clock";
import { newId } from "../db/columns";
import { type Database, isUniqueViolation } from "../db/database";
import { SpaceEntity } from "../entities";
import { spaceNameKey } from "../entities/space.entity";
import { conflict } from "../errors";
import type { UserActor } from "./actor";
import type { AuditService } from "./audit.service";
import { cleanName } from "./validate";

/** Org-scoped Spaces: open to every active member of their org. */
export class SpaceService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async create(actor: UserActor, orgId: string, name: string): Promise<SpaceEntity> {
    const spaceName = cleanName("name", name);
    try {
      return await this.db.transaction(async (em) => {
        // Unique per org by nameKey: "Main" and "main" are one name, "🚀" and "🔥" two, on both databases.
        const space = em.create(SpaceEntity, {
          id: newId(),
          orgId,
          name: spaceName,
          nameKey: spaceNameKey(spaceName),
          createdAt: this.clock.now(),
        });
        await em.insert(SpaceEntity, space);
        await this.audit.record(em, actor, { orgId, action: "space.created", after: { name: spaceName } });
        return space;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`This org already has a Space named "${spaceName}".`);
      throw error;
    }
  }

  async list(orgId: string): Promise<SpaceEntity[]> {
    return this.db.manager.find(SpaceEntity, { where: { orgId }, order: { createdAt: "ASC" } });
  }
}
