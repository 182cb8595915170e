import { createHmac, timingSafeEqual } from "node:crypto";
import type { Request, Response } from "express";

export const SESSION_COOKIE = "tb_session";
const MAX_AGE_S = 30 * 24 * 3600;

/**
 * The session cookie: `<token>.<HMAC-SHA256(SESSION_SECRET, token)>`, httpOnly,
 * SameSite=Lax, Secure when PUBLIC_URL is https. The token itself maps to a
 * server-side session row (stored hashed).
 */
export class SessionCookie {
  constructor(
    private readonly secret: string,
    private readonly secure: boolean,
  ) {}

  read(req: Request): string | null {
    const raw = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    if (!raw) return null;
    const dot = raw.lastIndexOf(".");
    if (dot <= 0) return null;
    const token = raw.slice(0, dot);
    const given = Buffer.from(raw.slice(dot + 1));
    const expected = Buffer.from(this.sign(token));
    return given.length === expected.length && timingSafeEqual(given, expected) ? token : null;
  }

  set(res: Response, token: string): void {
    res.append("Set-Cookie", this.serialize(`${token}.${this.sign(token)}`, MAX_AGE_S));
  }

  clear(res: Response): void {
    res.append("Set-Cookie", this.serialize("", 0));
  }

  private serialize(value: string, maxAge: number): string {
    return [
      `${SESSION_COOKIE}=${value}`,
      "Path=/",
      "HttpOnly",
      "SameSite=Lax",
      `Max-Age=${maxAge}`,
      ...(this.secure ? ["Secure"] : []),
    ].join("; ");
  }

  private sign(token: string): string {
    return createHmac("sha256", this.secret).update(token).digest("base64url");
  }
}

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) out[part.slice(0, eq).trim()] = decodeURIComponent(part.slice(eq + 1).trim());
  }
  return out;
}
