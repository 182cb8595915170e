import { spawn } from "node:child_process";
import { join } from "node:path";

/** The text of a PDF, read by pdf-parse in a child process (the emulator package's script, which has pdf-parse). */
export async function pdfText(url: string): Promise<string> {
  const pdf = Buffer.from(await (await fetch(url)).arrayBuffer());
  const script = join(__dirname, "..", "..", "..", "stripe-emulator", "test", "support", "pdf-text.cjs");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script]);
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
