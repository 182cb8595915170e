import { createHash, randomBytes } from "node:crypto";
import { type EntityManager, IsNull, LessThan, MoreThan } from "typeorm";
import type { Clock } from "../common/clock";
import type { Config } from "../config";
import { newId } from "../db/columns";
import { type Database, isUniqueViolation } from "../db/database";
import { EmailTokenEntity, SessionEntity, UserEntity } from "../entities";
import type { EmailTokenPurpose } from "../entities/email-token.entity";
import { badInput, conflict, rateLimited, unauthenticated } from "../common/errors";
import { type LimiterStore, take } from "../limits/limiter-store";
import type { MailService } from "../mail/mail.service";
import { checkPassword, cleanEmail, cleanName } from "../common/validate";
import { DUMMY_HASH, hashPassword, verifyPassword } from "./passwords";

const SESSION_TTL_MS = 30 * 24 * 3600_000;
const TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = { VERIFY_EMAIL: 24 * 3600_000, RESET_PASSWORD: 3600_000 };
/** A link is mailed again at most this often per user and purpose (the answer stays the same). */
const RESEND_AFTER_MS = 60_000;
/**
 * Failed sign-ins allowed inside the window, per email + client address (so strangers
 * elsewhere cannot lock the owner out) and per client address (so one address cannot
 * walk through many accounts).
 */
export const LOGIN_LIMITS = { perEmailAndIp: 5, perIp: 30, windowSeconds: 15 * 60 };

export interface SignedIn {
  user: UserEntity;
  /** The raw session token, for the cookie; only its hash is stored. */
  token: string;
}

/** The row a sign-up inserts (unverified, on the Free personal plan). */
function newUserRow(clock: Clock, email: string, name: string, passwordHash: string): UserEntity {
  return Object.assign(new UserEntity(), {
    id: newId(),
    email,
    name,
    passwordHash,
    personalPlan: "FREE",
    createdAt: clock.now(),
    emailVerifiedAt: null,
  });
}

export const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/** Accounts, server-side sessions, email verification and password reset. */
export class AuthService {
  private readonly failuresByEmailAndIp;
  private readonly failuresByIp;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly config: Config,
    private readonly mail: MailService,
    limits: LimiterStore,
  ) {
    const duration = LOGIN_LIMITS.windowSeconds;
    this.failuresByEmailAndIp = limits.bucket({ name: "login-email-ip", points: LOGIN_LIMITS.perEmailAndIp, durationSeconds: duration });
    this.failuresByIp = limits.bucket({ name: "login-ip", points: LOGIN_LIMITS.perIp, durationSeconds: duration });
  }

  /** Staff: a verified address listed in STAFF_EMAILS (anyone can type an address; only its owner can verify it). */
  isStaff(user: UserEntity): boolean {
    return user.emailVerifiedAt !== null && this.config.staffEmails.has(user.email);
  }

  /**
   * A new account, signed in, with a verification link mailed. For an address that already
   * has an account the answer looks the same (a user with the typed name, never stored) but
   * opens no session (`token` null): the address's owner is mailed instead, so the form never
   * tells a stranger who is registered (UX review finding 35).
   */
  async signUp(email: string, password: string, name: string, ip: string): Promise<SignedIn | { user: UserEntity; token: null }> {
    const cleanAddress = cleanEmail("email", email);
    const cleanUserName = cleanName("name", name);
    checkPassword("password", password);
    // Hashed either way, so the time taken does not tell either.
    const passwordHash = await hashPassword(password);
    const user = newUserRow(this.clock, cleanAddress, cleanUserName, passwordHash);
    try {
      return await this.db.transaction(async (em) => {
        await em.insert(UserEntity, user);
        await this.mailLink(em, user, "VERIFY_EMAIL");
        const token = await this.openSession(em, user.id, ip);
        return { user, token };
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await this.mailSignUpAttempt(cleanAddress);
      return { user: { ...user, passwordHash: "" }, token: null };
    }
  }

  /** "Someone tried to sign up with your address": at most one such mail per account and hour. */
  private async mailSignUpAttempt(address: string): Promise<void> {
    const owner = await this.db.manager.findOneBy(UserEntity, { email: address });
    if (!owner) return;
    const hour = Math.floor(this.clock.now().getTime() / 3600_000);
    await this.db.transaction((em) =>
      this.mail.enqueue(em, {
        kind: "sign_up_existing",
        to: owner.email,
        dedupeKey: `sign_up_existing:${owner.id}:${hour}`,
        subject: "Someone tried to create a Team Billing account with your email",
        text: [
          `Hello ${owner.name},`,
          "",
          `Someone, perhaps you, tried to create a Team Billing account for ${owner.email}. You already have one, so nothing changed.`,
          `To get in, sign in: ${this.config.publicUrl}/signin`,
          `Forgot your password? Reset it: ${this.config.publicUrl}/forgot-password`,
          "",
          "If it wasn't you, ignore this mail: your account stays as it is.",
        ].join("\n"),
      }),
    );
  }

  /**
   * Each attempt takes a token from both buckets before the password is hashed, so a
   * burst of concurrent guesses gets no more tries than a sequence would; the right
   * password gives its token back.
   */
  async login(email: string, password: string, ip: string): Promise<SignedIn> {
    const address = email.trim().toLowerCase().slice(0, 254);
    const pairKey = `${address}|${ip}`;
    for (const [bucket, key] of [
      [this.failuresByEmailAndIp, pairKey],
      [this.failuresByIp, ip],
    ] as const) {
      const wait = await take(bucket, key);
      if (wait !== null) throw rateLimited(wait);
    }
    const user = await this.db.manager.findOneBy(UserEntity, { email: address });
    // Hash even for unknown emails so response time does not reveal which exist.
    const ok = await verifyPassword(password.slice(0, 1000), user?.passwordHash ?? DUMMY_HASH);
    if (!ok || !user) throw unauthenticated("Wrong email or password.");
    await Promise.all([this.failuresByEmailAndIp.delete(pairKey), this.failuresByIp.reward(ip, 1)]);
    const token = await this.db.transaction((em) => this.openSession(em, user.id, ip));
    return { user, token };
  }

  async logout(tokenHash: string): Promise<void> {
    await this.db.transaction((em) => em.delete(SessionEntity, { tokenHash }));
  }

  /** Ends every session of the user (this one included). */
  async logoutEverywhere(userId: string): Promise<void> {
    await this.db.transaction((em) => em.delete(SessionEntity, { userId }));
  }

  /** The user behind a session token, or null when it is unknown or expired. */
  async userForSession(token: string): Promise<{ user: UserEntity; tokenHash: string } | null> {
    const tokenHash = sha256(token);
    const session = await this.db.manager.findOneBy(SessionEntity, { tokenHash, expiresAt: MoreThan(this.clock.now()) });
    if (!session) return null;
    const user = await this.db.manager.findOneBy(UserEntity, { id: session.userId });
    return user ? { user, tokenHash } : null;
  }

  /** Confirms the email with a verification link's token. Opening the link twice answers the same. */
  async verifyEmail(token: string): Promise<UserEntity> {
    return this.db.transaction(async (em) => {
      const row = await this.usableToken(em, token, "VERIFY_EMAIL", true);
      const user = await em.findOneByOrFail(UserEntity, { id: row.userId });
      if (user.email !== row.email) throw badInput("token", "this link was sent to another address; send a new one");
      if (!row.usedAt) await em.update(EmailTokenEntity, { tokenHash: row.tokenHash }, { usedAt: this.clock.now() });
      if (!user.emailVerifiedAt) {
        user.emailVerifiedAt = this.clock.now();
        await em.update(UserEntity, { id: user.id }, { emailVerifiedAt: user.emailVerifiedAt });
      }
      return user;
    });
  }

  async resendVerificationEmail(user: UserEntity): Promise<boolean> {
    if (user.emailVerifiedAt) throw conflict("Your email address is already verified.");
    const wait = await this.resendWait(user.id, "VERIFY_EMAIL");
    if (wait !== null) throw rateLimited(wait);
    await this.db.transaction((em) => this.mailLink(em, user, "VERIFY_EMAIL"));
    return true;
  }

  /** Mails a reset link when the address has an account. The answer never tells whether it does. */
  async requestPasswordReset(email: string): Promise<boolean> {
    const address = cleanEmail("email", email);
    const user = await this.db.manager.findOneBy(UserEntity, { email: address });
    if (user && (await this.resendWait(user.id, "RESET_PASSWORD")) === null) {
      await this.db.transaction((em) => this.mailLink(em, user, "RESET_PASSWORD"));
    }
    return true;
  }

  /** Sets a new password from a reset link: the link proves the mailbox, so the email counts as verified; every session ends. */
  async resetPassword(token: string, password: string): Promise<void> {
    checkPassword("password", password);
    const passwordHash = await hashPassword(password);
    await this.db.transaction(async (em) => {
      const row = await this.usableToken(em, token, "RESET_PASSWORD", false);
      const user = await em.findOneByOrFail(UserEntity, { id: row.userId });
      const now = this.clock.now();
      await em.update(UserEntity, { id: user.id }, { passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? now });
      // Every reset link of the user is spent, not only this one.
      await em.update(EmailTokenEntity, { userId: user.id, purpose: "RESET_PASSWORD", usedAt: IsNull() }, { usedAt: now });
      await em.delete(SessionEntity, { userId: user.id });
    });
  }

  /** Deletes expired sessions and spent or expired links (a periodic job). */
  async sweep(): Promise<void> {
    const now = this.clock.now();
    await this.db.transaction(async (em) => {
      await em.delete(SessionEntity, { expiresAt: LessThan(now) });
      await em.delete(EmailTokenEntity, { expiresAt: LessThan(new Date(now.getTime() - 24 * 3600_000)) });
    });
  }

  /** A link's token row, unexpired and (unless `allowUsed`) unused; anything else is BAD_USER_INPUT on `token`. */
  private async usableToken(em: EntityManager, token: string, purpose: EmailTokenPurpose, allowUsed: boolean): Promise<EmailTokenEntity> {
    const row =
      token.length > 0 && token.length <= 100 ? await em.findOneBy(EmailTokenEntity, { tokenHash: sha256(token.trim()), purpose }) : null;
    const usable = row && row.expiresAt > this.clock.now() && (allowUsed || !row.usedAt);
    if (!row || !usable) {
      throw badInput(
        "token",
        purpose === "VERIFY_EMAIL"
          ? "this link is not valid or has expired; send a new one"
          : "this link is not valid, was used, or has expired; ask for a new one",
      );
    }
    return row;
  }

  private async resendWait(userId: string, purpose: EmailTokenPurpose): Promise<number | null> {
    const since = new Date(this.clock.now().getTime() - RESEND_AFTER_MS);
    const recent = await this.db.manager.findOne(EmailTokenEntity, {
      where: { userId, purpose, createdAt: MoreThan(since) },
      order: { createdAt: "DESC" },
    });
    return recent ? Math.max(1, Math.ceil((recent.createdAt.getTime() + RESEND_AFTER_MS - this.clock.now().getTime()) / 1000)) : null;
  }

  /** A new single-use link, mailed through the outbox in the caller's transaction. */
  private async mailLink(em: EntityManager, user: UserEntity, purpose: EmailTokenPurpose): Promise<void> {
    const token = randomBytes(32).toString("base64url");
    const now = this.clock.now();
    await em.insert(EmailTokenEntity, {
      tokenHash: sha256(token),
      userId: user.id,
      purpose,
      email: user.email,
      createdAt: now,
      expiresAt: new Date(now.getTime() + TOKEN_TTL_MS[purpose]),
      usedAt: null,
    });
    const verify = purpose === "VERIFY_EMAIL";
    const link = `${this.config.publicUrl}/${verify ? "verify-email" : "reset-password"}/${token}`;
    await this.mail.enqueue(em, {
      kind: verify ? "verify_email" : "reset_password",
      to: user.email,
      subject: verify ? "Confirm your email address for Team Billing" : "Reset your Team Billing password",
      text: verify
        ? [`Hello ${user.name},`, "", `Confirm that ${user.email} is yours: ${link}`, "", "The link works for 24 hours."].join("\n")
        : [
            `Hello ${user.name},`,
            "",
            `Someone asked to reset the password of the Team Billing account ${user.email}. If it was you, choose a new password here: ${link}`,
            "",
            "The link works once, for 1 hour. If you did not ask, ignore this mail: your password stays as it is.",
          ].join("\n"),
    });
  }

  /** A new session: a fresh random token every time (a login never reuses one). */
  private async openSession(em: EntityManager, userId: string, ip: string): Promise<string> {
    const token = randomBytes(32).toString("base64url");
    const now = this.clock.now();
    await em.insert(SessionEntity, {
      tokenHash: sha256(token),
      userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
      ip: ip.slice(0, 64),
    });
    return token;
  }
}
