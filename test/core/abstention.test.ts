/**
 * Abstention rules on a small corpus built for them: a year the question names must be in what would be
 * quoted, and a name that appears only in the title of a cited work does not count as the corpus
 * talking about it.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openCore } from '../../src/compose.js';
import type { QuotebotCore } from '../../src/core/core.js';
import { silentLogger } from '../../src/core/logger.js';

const dir = mkdtempSync(join(tmpdir(), 'quotebot-abstain-'));
let core: QuotebotCore;

const DOC = [
  '# Sea Crossings and the Agency',
  '',
  '## I. Arrivals',
  '',
  'In 2015, more than one million migrants and refugees arrived in Europe by sea, most of them crossing the Aegean from Turkey to the Greek islands.<sup>2</sup>',
  '',
  'The agency counted the arrivals at each landing point and published weekly figures for governments and for the press.<sup>3</sup>',
  '',
  '## II. Domestic work',
  '',
  'Domestic workers recruited abroad often pay high fees to recruitment agencies, and many remain in debt for years after they arrive.<sup>1</sup>',
  '',
  'Switzerland funds several of the agency\'s programmes for returning migrants.',
  '',
  'IRIS certifies recruitment agencies that charge no fees to workers.',
  '',
  'The New York Declaration commits states to protect the safety and dignity of refugees and migrants.<sup>4</sup>',
  '',
  'Wages for domestic work vary widely between destination countries, and the agency has no role in setting them.',
  '',
  '<sup>2.</sup> The figure counts arrivals by sea only; arrivals over land were counted separately.',
  '',
  '<sup>3.</sup> The weekly figures were later revised as late registrations came in.',
  '',
  '<sup>4.</sup> See Anne Koch, \'The Agency as a Data Entrepreneur: The Displacement Tracking Matrix\' in A Editor (ed), *Data and Mobility* (Cambridge University Press 2023).',
  '',
  '<sup>1.</sup> Amnesty International, Exploited for Profit, Failed by Governments: Indonesian Migrant Domestic Workers Trafficked to Hong Kong (2013), https://www.amnesty.org/en/documents/asa17/029/2013/en/.',
  '',
].join('\n');

beforeAll(() => {
  mkdirSync(join(dir, 'corpus'));
  writeFileSync(join(dir, 'corpus', 'crossings.txt'), DOC);
  const config = loadConfig({ env: { QUOTEBOT_CORPUS: join(dir, 'corpus'), QUOTEBOT_DATA_DIR: join(dir, 'data') }, envFile: join(dir, 'none'), cwd: dir });
  core = openCore(config, silentLogger());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('abstention', () => {
  it('GIVEN a question about the year the corpus gives THEN it is answered', async () => {
    const a = await core.ask({ question: 'how many migrants arrived in Europe by sea in 2015?' });
    expect(a.status).toBe('answered');
    expect(a.quotes[0]!.text).toMatch(/one million/);
  });

  it('GIVEN the same question about a year the corpus never mentions THEN not_found, with the 2015 passage as a closest match', async () => {
    const a = await core.ask({ question: 'how many migrants arrived in Europe by sea in 2017?' });
    expect(a.status).toBe('not_found');
    expect(a.closest.map((q) => q.text).join(' ')).toMatch(/2015/);
  });

  it('GIVEN a place named only in the title of a cited report THEN not_found', async () => {
    const a = await core.ask({ question: 'what is the minimum wage for domestic workers in Hong Kong?' });
    expect(a.status).toBe('not_found');
  });

  it('GIVEN two named things the corpus names only apart THEN not_found; asked about one of them THEN answered', async () => {
    expect((await core.ask({ question: 'how much money did Switzerland give to IRIS?' })).status).toBe('not_found');
    expect((await core.ask({ question: 'which programmes does Switzerland fund?' })).status).toBe('answered');
    expect((await core.ask({ question: 'what does IRIS certify?' })).status).toBe('answered');
  });

  it('GIVEN a thing named only in a book chapter a footnote cites (OSCOLA style) THEN not_found', async () => {
    expect((await core.ask({ question: 'when did the agency launch its Displacement Tracking Matrix?' })).status).toBe('not_found');
  });

  it('GIVEN a year that is part of a name the corpus uses without it THEN answered', async () => {
    const a = await core.ask({ question: 'what does the 2016 New York Declaration commit states to?' });
    expect(a.status).toBe('answered');
    expect(a.quotes[0]!.text).toMatch(/New York Declaration commits states/);
  });

  it('GIVEN a thing the body itself discusses THEN answered', async () => {
    const a = await core.ask({ question: 'do domestic workers pay recruitment fees?' });
    expect(a.status).toBe('answered');
  });
});
