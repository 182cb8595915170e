import type { Clock } from "../common/clock";
import { newId } from "../db/columns";
import { type Database, isUniqueViolation } from "../db/database";
import { SpaceEntity } from "../entities";
import { spaceNameKey } from "../entities/space.entity";
import { conflict, notFound } from "../common/errors";
import type { UserActor } from "../common/actor";
import type { AuditService } from "../common/audit.service";
import { actorWords } from "../common/audit-words";
import { cleanName, isId } from "../common/validate";

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
        await this.audit.record(em, actor, {
          orgId,
          action: "space.created",
          summary: `${actorWords(actor)} created the Space "${spaceName}".`,
          after: { name: spaceName },
        });
        return space;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`This org already has a Space named "${spaceName}".`);
      throw error;
    }
  }

  /** Renames a Space; names stay unique per org as `create` keeps them ("Lab" and "lab" are one name). */
  async rename(actor: UserActor, orgId: string, spaceId: string, name: string): Promise<SpaceEntity> {
    const spaceName = cleanName("name", name);
    try {
      return await this.db.transaction(async (em) => {
        const space = isId(spaceId) ? await em.findOneBy(SpaceEntity, { id: spaceId, orgId }) : null;
        if (!space) throw notFound("Space");
        if (space.name === spaceName) return space;
        await em.update(SpaceEntity, { id: space.id }, { name: spaceName, nameKey: spaceNameKey(spaceName) });
        await this.audit.record(em, actor, {
          orgId,
          action: "space.renamed",
          summary: `${actorWords(actor)} renamed the Space "${space.name}" → "${spaceName}".`,
          before: { name: space.name },
          after: { name: spaceName },
        });
        return em.findOneByOrFail(SpaceEntity, { id: space.id });
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
