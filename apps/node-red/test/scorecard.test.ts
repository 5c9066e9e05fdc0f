import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registryFacts, scorecard } from './support/scorecard';

const packageDirectory = join(import.meta.dirname, '..');
const repositoryRoot = join(packageDirectory, '..', '..');

describe('the Flow Library scorecard (node-red-dev validate: P01-P07, N02, D01-D03)', () => {
  it('passes every package, node and dependency check on the built package', async () => {
    expect(existsSync(join(packageDirectory, 'dist', 'bimmer.html')), 'run pnpm build first').toBe(true);
    const pkg = JSON.parse(readFileSync(join(packageDirectory, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const card = scorecard(
      packageDirectory,
      repositoryRoot,
      await registryFacts(Object.keys(pkg.dependencies)),
    );
    const failed = Object.entries(card).filter(([, result]) => !result.test);
    expect(failed, JSON.stringify(failed, null, 2)).toEqual([]);
    expect(Object.keys(card).sort()).toEqual([
      'D01',
      'D02',
      'D03',
      'N02',
      'P01',
      'P02',
      'P03',
      'P04',
      'P05',
      'P06',
      'P07',
    ]);
    expect((card.N02?.detail as { types: string[] } | undefined)?.types.sort()).toEqual([
      'bimmer-account',
      'bimmer-event',
      'bimmer-remote',
      'bimmer-vehicle',
      'bimmer-watch',
    ]);
  });

  it('fails the checks a broken package would fail', () => {
    const facts = { nodeRedTags: { latest: '5.0.7' }, nodeRedEngines: '>=22.9', latest: {} };
    const card = scorecard(join(import.meta.dirname, 'support', 'broken-package'), repositoryRoot, facts);
    const failed = Object.entries(card)
      .filter(([, result]) => !result.test)
      .map(([id]) => id)
      .sort();
    expect(failed).toEqual(['D01', 'D02', 'D03', 'N02', 'P01', 'P02', 'P04', 'P05', 'P06', 'P07']);
    expect((card.N02?.detail as { parseErrors: string[] } | undefined)?.parseErrors).toEqual(
      expect.arrayContaining([expect.stringContaining('defaults-not-inline')]),
    );
  });
});
