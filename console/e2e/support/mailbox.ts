import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { baseUrl } from "./browser";

/**
 * The server's outgoing mail, as the real SMTP receiver of global.setup.ts got it (a file per
 * message under E2E_DATA_DIR/smtp-inbox). Reads the newest link of a kind mailed to `to`,
 * waiting for the mail job (every 2 s) to send it.
 */
export async function mailedLink(to: string, kind: "verify-email" | "reset-password"): Promise<string> {
  const dir = join(process.env.E2E_DATA_DIR as string, "smtp-inbox");
  for (let i = 0; i < 100; i++) {
    // The directory appears with the server's first mail.
    const files = existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((f) => f.name.endsWith(".eml")) : [];
    const links = files
      .map((f) => readFileSync(join(dir, f.name), "utf8").replace(/=\r?\n/g, ""))
      .filter((eml) => eml.toLowerCase().includes(`to: ${to.toLowerCase()}`))
      .map((eml) => new RegExp(`https?://[^\\s"<>]+/${kind}/[A-Za-z0-9_-]+`).exec(eml)?.[0])
      .filter((link): link is string => link !== undefined);
    if (links.length > 0) return links[links.length - 1];
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no ${kind} mail reached ${to}`);
}

/** Opens the verification link the way the mail's reader would (its token, to the API). */
export async function verifyEmailByMail(email: string): Promise<void> {
  const token = (await mailedLink(email, "verify-email")).split("/verify-email/")[1];
  const response = await fetch(`${baseUrl()}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "mutation($k: String!) { verifyEmail(token: $k) { id } }", variables: { k: token } }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (body.errors) throw new Error(`verifyEmail failed: ${JSON.stringify(body.errors)}`);
}

/** Support staff (STAFF_EMAILS of the test server), signed up and verified once; moves the dev clock. */
let staffCookie: Promise<string> | undefined;
export async function advanceClockAsStaff(days: number): Promise<void> {
  staffCookie ??= (async () => {
    const email = "clock@example.test";
    const response = await fetch(`${baseUrl()}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: 'mutation($e: String!) { signUp(email: $e, password: "correct horse battery staple", name: "Staff") { id } }',
        variables: { e: email },
      }),
    });
    const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0];
    await verifyEmailByMail(email);
    return cookie;
  })();
  const cookie = await staffCookie;
  const response = await fetch(`${baseUrl()}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ query: "mutation($d: Int!) { devAdvanceClock(days: $d) }", variables: { d: days } }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (body.errors) throw new Error(`devAdvanceClock failed: ${JSON.stringify(body.errors)}`);
}
