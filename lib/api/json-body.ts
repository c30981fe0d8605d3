import { AppError, InvalidError } from "@/lib/errors";
import { formatBytes } from "@/lib/format";

// Request bodies of the machine API are read with a byte limit as they stream in: a client cannot make
// the server buffer more than the limit by lying about (or omitting) Content-Length.

export class PayloadTooLargeError extends AppError {
  override readonly status = 413;
}

export class UnsupportedMediaTypeError extends AppError {
  override readonly status = 415;
}

/** The body's bytes, refusing with 413 as soon as more than `maxBytes` arrive. */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () =>
    new PayloadTooLargeError(`The body is larger than ${formatBytes(maxBytes)}: send fewer articles per request.`);
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, length);
}

/** The body parsed as UTF-8 JSON; 400 with the parser's reason when it is not. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const bytes = await readBodyBytes(request, maxBytes);
  let text: string;
  try {
    // TextDecoder drops a leading BOM, which some Windows tools write.
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new InvalidError("The body is not valid UTF-8 text.");
  }
  if (text.trim() === "") throw new InvalidError("The body is empty: send a JSON object.");
  if (nestingDepth(text) > MAX_JSON_DEPTH)
    throw new InvalidError(`The body nests arrays or objects more than ${MAX_JSON_DEPTH} levels deep.`);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InvalidError(`The body is not valid JSON: ${error instanceof Error ? error.message : String(error)}.`);
  }
}

/** No article needs more; a deeper body is an attack on every recursive walk after the parser (validation, logging). */
export const MAX_JSON_DEPTH = 64;

/** How deep arrays and objects nest in a JSON text (brackets inside strings do not count); linear, no recursion. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/** Whether the request says it carries JSON (`application/json` or a `+json` type). */
export function isJsonContentType(request: Request): boolean {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || /^application\/[\w.+-]+\+json$/.test(type);
}
