import { createHmac, timingSafeEqual } from "node:crypto";
import { parseCookie, stringifySetCookie } from "cookie";
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
    // The `cookie` package: a malformed cookie of another app on this host is left undecoded, never thrown.
    const raw = parseCookie(req.headers.cookie ?? "")[SESSION_COOKIE];
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
    return stringifySetCookie({ name: SESSION_COOKIE, value, path: "/", httpOnly: true, sameSite: "lax", maxAge, secure: this.secure });
  }

  private sign(token: string): string {
    return createHmac("sha256", this.secret).update(token).digest("base64url");
  }
}
