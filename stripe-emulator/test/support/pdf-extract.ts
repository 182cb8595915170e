import { spawn } from "node:child_process";
import { join } from "node:path";

/**
 * The text of a PDF as pdf-parse reads it, in a child process (pdf-text.cjs): pdf.js
 * loads its worker with a dynamic import, which Jest's module sandbox does not allow.
 */
export function extractPdfText(pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, "pdf-text.cjs")]);
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString("utf8");
    });
    child.stderr.on("data", (c: Buffer) => {
      err += c.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`pdf-parse failed: ${err}`))));
    child.stdin.end(pdf);
  });
}
