/**
 * readZipEntry's size cap: a deflated entry larger than the 8 MB default is refused unless `maxBytes`
 * allows it (how a model file is read out of a wheel). The entry is highly compressible, so the archive
 * itself stays a few kilobytes.
 */
import { describe, expect, it } from 'vitest';
import { readZipEntry } from '../../../src/core/ingest/zip-entry.js';
import { makeZip } from './fixtures.js';

const SIZE = (8 << 20) + (1 << 20); // 9 MB, over the 8 MB default cap
const big = Buffer.alloc(SIZE, 'quotebot ');
const zip = makeZip([
  { name: 'pkg/__init__.py', data: Buffer.from('') },
  { name: 'pkg/model.onnx', data: big, method: 'deflate' },
]);

describe('readZipEntry — maxBytes', () => {
  it('GIVEN the test archive THEN it is small although its entry is over 8 MB', () => {
    expect(zip.length).toBeLessThan(64 * 1024);
  });

  it('GIVEN a deflated entry over 8 MB and no maxBytes THEN it is refused (undefined) by the default cap', () => {
    expect(readZipEntry(zip, 'pkg/model.onnx')).toBeUndefined();
  });

  it('GIVEN a deflated entry over 8 MB and a maxBytes above its size THEN its exact bytes are returned', () => {
    const data = readZipEntry(zip, 'pkg/model.onnx', { maxBytes: SIZE + 1 });
    expect(data?.length).toBe(SIZE);
    expect(data?.equals(big)).toBe(true);
  });

  it('GIVEN a maxBytes equal to the entry size THEN the entry is read', () => {
    expect(readZipEntry(zip, 'pkg/model.onnx', { maxBytes: SIZE })?.length).toBe(SIZE);
  });

  it('GIVEN a maxBytes one byte below the entry size THEN it is refused (undefined)', () => {
    expect(readZipEntry(zip, 'pkg/model.onnx', { maxBytes: SIZE - 1 })).toBeUndefined();
  });

  it('GIVEN a small entry in the same archive THEN it is read, and a name not in the archive gives undefined', () => {
    expect(readZipEntry(zip, 'pkg/__init__.py')?.length).toBe(0);
    expect(readZipEntry(zip, 'pkg/missing.onnx', { maxBytes: SIZE * 2 })).toBeUndefined();
  });
});
