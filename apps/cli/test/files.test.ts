import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAPTCHA, DEMO, useSimulator } from './helpers/simulator-setup';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('commands that write files', () => {
  const harness = useSimulator();

  it('image writes one PNG per chosen view and says where', async () => {
    const vin = harness.sim.vins()[0] ?? '';
    const output = await mkdtemp(join(harness.home.dir, 'images-'));
    const run = await harness.run(['image', vin, '--view', 'front', 'rear_view', '--output', output]);
    expect(run.code, run.stderr).toBe(0);
    expect((await readdir(output)).sort()).toEqual(['front.png', 'rear_view.png']);
    for (const file of ['front.png', 'rear_view.png']) {
      const bytes = await readFile(join(output, file));
      expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(run.stdout).toContain(`vehicle image saved to ${join(output, file)}`);
    }
  });

  it('image writes every view by default and rejects unknown ones', async () => {
    const vin = harness.sim.vins()[0] ?? '';
    const output = await mkdtemp(join(harness.home.dir, 'images-'));
    const run = await harness.run(['image', vin, '--output', output]);
    expect(run.code, run.stderr).toBe(0);
    const files = await readdir(output);
    expect(files.length).toBe(12);
    expect(files).toEqual(
      expect.arrayContaining(['frontside.png', 'dashboard.png', 'angle_side_view_forty.png']),
    );
    const bad = await harness.run(['image', vin, '--view', 'roof']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--view must be one of');
  });

  it('image without --output writes into one new folder per run, never into the current folder', async () => {
    const vin = harness.sim.vins()[0] ?? '';
    const cwd = await mkdtemp(join(harness.home.dir, 'cwd-'));
    const first = await harness.run(['image', vin, '--view', 'front', 'side'], { cwd });
    expect(first.code, first.stderr).toBe(0);
    expect(await readdir(cwd)).toEqual([`${vin}-images`]);
    expect((await readdir(join(cwd, `${vin}-images`))).sort()).toEqual(['front.png', 'side.png']);
    const second = await harness.run(['image', vin, '--view', 'front'], { cwd });
    expect(second.code, second.stderr).toBe(0);
    expect((await readdir(cwd)).sort()).toEqual([`${vin}-images`, `${vin}-images-2`]);
    expect(second.stdout).toContain(join(cwd, `${vin}-images-2`, 'front.png'));
  });

  it('fingerprint writes an anonymised recording and says what to check', async () => {
    const output = join(harness.home.dir, 'fingerprint-ok');
    const run = await harness.run(['fingerprint', '--output', output]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`fingerprint of the vehicles written to ${output}\n`);
    expect(run.stderr).toMatch(/Before sharing/);
    const files = await readdir(output, { recursive: true });
    expect(files.some((file) => file.includes('vehicle-list'))).toBe(true);
    const contents = await Promise.all(
      files.filter((file) => file.endsWith('.json')).map((file) => readFile(join(output, file), 'utf8')),
    );
    const everything = files.join('\n') + contents.join('\n');
    for (const vin of harness.sim.vins()) expect(everything).not.toContain(vin);
    const tokens = JSON.parse(await readFile(harness.home.tokenFile, 'utf8')) as Record<string, unknown>;
    for (const key of ['accessToken', 'refreshToken', 'gcid']) {
      expect(typeof tokens[key]).toBe('string');
      expect(everything).not.toContain(String(tokens[key]));
    }
    expect(everything).not.toContain(CAPTCHA);
    expect(everything).not.toContain(DEMO.username);
  });

  it('fingerprint refuses a folder that already holds files', async () => {
    const output = await mkdtemp(join(harness.home.dir, 'fingerprint-full-'));
    await writeFile(join(output, 'keep.txt'), 'mine');
    const run = await harness.run(['fingerprint', '--output', output]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('already holds files');
    expect(await readdir(output)).toEqual(['keep.txt']);
  });
});
