/** Files a message request uploads, as Discord receives them: multipart/form-data with `payload_json` and `files[n]`. */
export interface UploadedFile {
  /** The form field, e.g. `files[0]`. */
  field: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export function isMultipart(contentType: string | undefined): boolean {
  return /^multipart\/form-data\b/i.test(contentType ?? '');
}

/** Reads a multipart body with the platform's own form parser: the JSON payload and the uploaded files, byte for byte. */
export async function readMultipart(raw: Buffer, contentType: string): Promise<{ payload: unknown; files: UploadedFile[] }> {
  const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
  const json = form.get('payload_json');
  const files: UploadedFile[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') continue;
    files.push({ field, filename: value.name, contentType: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
  }
  return { payload: typeof json === 'string' ? JSON.parse(json) : null, files };
}
