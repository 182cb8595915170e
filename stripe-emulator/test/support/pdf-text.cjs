// Prints the text of the PDF given on stdin. Run as its own node process: pdf-parse (pdf.js)
// loads its worker with a dynamic import, which Jest's module sandbox does not allow.
const { PDFParse } = require("pdf-parse");

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const parser = new PDFParse({ data: Buffer.concat(chunks) });
  try {
    process.stdout.write((await parser.getText()).text);
  } finally {
    await parser.destroy();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
