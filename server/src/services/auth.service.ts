import { createHash, randomBytes } from "node:crypto";
import { LessThan, MoreThan } from "typeorm";
import type { Clock } from "../clock";
import type { Config } from "../config";
import { newId } from "../db/columns";
import { type Database, isUniqueViolation } from "../db/database";
import { LoginAttemptEntity, SessionEntity, UserEntity } from "../entities";
import { conflict, rateLimited, unauthenticated } from "../errors";
import { checkPassword, cleanEmail, cleanName } from "./validate";
import { DUMMY_HASH, hashPassword, verifyPassword } from "./passwords";

const SESSION_TTL_MS = 30 * 24 * 3600_000;
/** Failed sign-ins allowed per email, and per IP, inside the window. */
export const LOGIN_LIMITS = { perEmail: 5, perIp: 30, windowMs: 15 * 60_000 };

export interface SignedIn {
  user: UserEntity;
  /** The raw session token, for the cookie; only its hash is stored. */
  token: string;
}

export const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/** Accounts and server-side sessions. */
export class AuthService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly config: Config,
  ) {}

  isStaff(user: UserEntity): boolean {
    return this.config.staffEmails.has(user.email);
  }

  async signUp(email: string, password: string, name: string, ip: string): Promise<SignedIn> {
    const cleanAddress = cleanEmail("email", email);
    const cleanUserName = cleanName("name", name);
    checkPassword("password", password);
    const passwordHash = await hashPassword(password);
    try {
      return await this.db.transaction(async (em) => {
        const user = em.create(UserEntity, {
          id: newId(),
          email: cleanAddress,
          name: cleanUserName,
          passwordHash,
          personalPlan: "FREE",
          createdAt: this.clock.now(),
        });
        await em.insert(UserEntity, user);
        const token = await this.openSession(em.getRepository(SessionEntity), user.id, ip);
        return { user, token };
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict("An account with this email already exists; sign in instead.");
      throw error;
    }
  }

  async login(email: string, password: string, ip: string): Promise<SignedIn> {
    const address = email.trim().toLowerCase().slice(0, 254);
    await this.checkRateLimit(address, ip);
    const user = await this.db.manager.findOneBy(UserEntity, { email: address });
    // Hash even for unknown emails so response time does not reveal which exist.
    const ok = await verifyPassword(password.slice(0, 1000), user?.passwordHash ?? DUMMY_HASH);
    const signedIn = await this.db.transaction(async (em) => {
      // The attempt is recorded (and committed) whether or not it succeeds: failures feed the rate limit.
      await em.insert(LoginAttemptEntity, { id: newId(), email: address, ip, succeeded: ok && !!user, at: this.clock.now() });
      if (!ok || !user) return null;
      const token = await this.openSession(em.getRepository(SessionEntity), user.id, ip);
      return { user, token };
    });
    if (!signedIn) throw unauthenticated("Wrong email or password.");
    return signedIn;
  }

  async logout(tokenHash: string): Promise<void> {
    await this.db.transaction((em) => em.delete(SessionEntity, { tokenHash }));
  }

  /** The user behind a session token, or null when it is unknown or expired. */
  async userForSession(token: string): Promise<{ user: UserEntity; tokenHash: string } | null> {
    const tokenHash = sha256(token);
    const session = await this.db.manager.findOneBy(SessionEntity, { tokenHash, expiresAt: MoreThan(this.clock.now()) });
    if (!session) return null;
    const user = await this.db.manager.findOneBy(UserEntity, { id: session.userId });
    return user ? { user, tokenHash } : null;
  }

  /** Deletes expired sessions and old login attempts (a periodic job). */
  async sweep(): Promise<void> {
    const now = this.clock.now();
    await this.db.transaction(async (em) => {
      await em.delete(SessionEntity, { expiresAt: LessThan(now) });
      await em.delete(LoginAttemptEntity, { at: LessThan(new Date(now.getTime() - 24 * 3600_000)) });
    });
  }

  private async checkRateLimit(email: string, ip: string): Promise<void> {
    const since = new Date(this.clock.now().getTime() - LOGIN_LIMITS.windowMs);
    const failures = (where: Partial<LoginAttemptEntity>) =>
      this.db.manager.find(LoginAttemptEntity, {
        where: { ...where, succeeded: false, at: MoreThan(since) },
        order: { at: "ASC" },
        take: Math.max(LOGIN_LIMITS.perEmail, LOGIN_LIMITS.perIp),
      });
    for (const [rows, limit] of [
      [await failures({ email }), LOGIN_LIMITS.perEmail],
      [await failures({ ip }), LOGIN_LIMITS.perIp],
    ] as const) {
      if (rows.length >= limit) {
        // Free again when the oldest counted failure leaves the window.
        const freeAt = rows[rows.length - limit].at.getTime() + LOGIN_LIMITS.windowMs;
        throw rateLimited(Math.max(1, Math.ceil((freeAt - this.clock.now().getTime()) / 1000)));
      }
    }
  }

  private async openSession(
    sessions: { insert(row: Partial<SessionEntity>): Promise<unknown> },
    userId: string,
    ip: string,
  ): Promise<string> {
    const token = randomBytes(32).toString("base64url");
    const now = this.clock.now();
    await sessions.insert({
      tokenHash: sha256(token),
      userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
      ip: ip.slice(0, 64),
    });
    return token;
  }
}
