import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";
import { MailOutboxEntity } from "../src/entities";
import { SmtpTransport } from "../src/mail/mail.transport";
import { createOrg, signUp, uniqueEmail } from "./support/fixtures";
import { startTestApp, type TestApp } from "./support/test-app";

const INVITE = "mutation($o: ID!, $e: String!) { inviteMember(orgId: $o, email: $e, role: MEMBER) { id acceptUrl } }";

/** A real SMTP receiver on a random local port; it can refuse the next N messages. */
async function startSmtp() {
  const received: { to: string[]; raw: string }[] = [];
  let refuse = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString()));
      stream.on("end", () => {
        if (refuse > 0) {
          refuse--;
          const error = Object.assign(new Error("mailbox busy"), { responseCode: 451 });
          return callback(error);
        }
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    received,
    refuseNext: (n: number) => {
      refuse = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("mail through SMTP", () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ mailTransport: new SmtpTransport(smtp.url) });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it("delivers the invitation email to a real SMTP server", async () => {
    const owner = await signUp(t, { name: "Olga" });
    const orgId = await createOrg(owner, "Smtp Co");
    const email = uniqueEmail();
    const { inviteMember } = await owner.client.ok(INVITE, { o: orgId, e: email });
    await t.app.jobs.runNow(["mail"]);
    const message = smtp.received.find((m) => m.to.includes(email));
    expect(message?.raw).toContain("Subject: Olga invited you to Smtp Co on Team Billing");
    expect(message?.raw.replace(/=\r?\n/g, "")).toContain(inviteMember.acceptUrl);
  });

  it("keeps a refused message and sends it on a later attempt, once", async () => {
    const owner = await signUp(t);
    const orgId = await createOrg(owner);
    const email = uniqueEmail();
    await t.app.jobs.runNow(["mail"]); // the sign-up's verification mail goes first
    smtp.refuseNext(1);
    await owner.client.ok(INVITE, { o: orgId, e: email });
    await t.app.jobs.runNow(["mail"]);
    expect(smtp.received.filter((m) => m.to.includes(email))).toHaveLength(0);
    const [row] = await t.app.db.manager.query("SELECT attempts, lastError, sentAt FROM mail_outbox WHERE `to` = ?", [email]);
    expect(Number(row.attempts)).toBe(1);
    expect(row.lastError).toContain("mailbox busy");
    expect(row.sentAt).toBeNull();
    // Not due yet: the retry waits for its backoff.
    await t.app.jobs.runNow(["mail"]);
    expect(smtp.received.filter((m) => m.to.includes(email))).toHaveLength(0);
    await t.app.db.transaction((em) => em.update(MailOutboxEntity, { to: email }, { nextAttemptAt: new Date(0) }));
    await t.app.jobs.runNow(["mail"]);
    await t.app.jobs.runNow(["mail"]);
    expect(smtp.received.filter((m) => m.to.includes(email))).toHaveLength(1);
  });

  it("sends nothing for a change that was refused", async () => {
    const owner = await signUp(t);
    const orgId = await createOrg(owner);
    await t.app.jobs.runNow(["mail"]); // the sign-up's verification mail
    const before = smtp.received.length;
    expect(await owner.client.code(INVITE, { o: orgId, e: owner.email })).toBe("CONFLICT");
    await t.app.jobs.runNow(["mail"]);
    expect(smtp.received.length).toBe(before);
  });
});

describe("mail to files (no SMTP_URL)", () => {
  it("writes each message as an .eml file under DATA_DIR/mail", async () => {
    const t = await startTestApp({ defaultMail: true });
    const dir = join(t.config.dataDir, "mail");
    try {
      const owner = await signUp(t);
      const orgId = await createOrg(owner);
      const email = uniqueEmail();
      await t.app.jobs.runNow(["mail"]); // the sign-up's verification mail
      const before = new Set(readdirSync(dir));
      await owner.client.ok(INVITE, { o: orgId, e: email });
      await t.app.jobs.runNow(["mail"]);
      const files = readdirSync(dir).filter((f) => f.endsWith(".eml") && !before.has(f));
      expect(files).toHaveLength(1);
      const eml = readFileSync(join(dir, files[0]), "utf8");
      expect(eml).toContain(`To: ${email}`);
      expect(eml).toContain("invited you to");
    } finally {
      await t.close();
    }
  });
});
