import { extractPdfText } from "../../../stripe-emulator/test/support/pdf-extract";

/** The text of the PDF at a URL (pdf-parse lives with the emulator package's tests). */
export async function pdfText(url: string): Promise<string> {
  return extractPdfText(Buffer.from(await (await fetch(url)).arrayBuffer()));
}
