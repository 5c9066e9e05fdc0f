import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Simulator } from '@bimmer/simulator';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePort,
  installedPackage,
  type NodeRedProcess,
  startNodeRed,
  userDirWithPackage,
} from './support/installed-node-red';
import { approve, CLIENT_ID, startTestSimulator } from './support/simulator';

const CHROMIUM = '/usr/bin/chromium';
const chromiumMissing = !existsSync(CHROMIUM);
if (chromiumMissing && process.env.CI !== undefined) {
  // In CI the browser test must run: .ci/run installs Debian's chromium.
  throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium).`);
}

/** Where the screenshots go: the README's folder with BIMMER_UPDATE_SCREENSHOTS=1, else a temporary one. */
const screenshots =
  process.env.BIMMER_UPDATE_SCREENSHOTS === '1' ? join(import.meta.dirname, '..', 'docs') : join(tmpdir(), 'bimmer-node-red-screenshots');

describe.skipIf(chromiumMissing)('the editor in headless Chromium (skipped without /usr/bin/chromium outside CI)', () => {
  let sim: Simulator;
  let nodeRed: NodeRedProcess | undefined;
  let userDir: string | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    const { nodeModules } = await installedPackage();
    sim = await startTestSimulator();
    userDir = await userDirWithPackage(nodeModules);
    nodeRed = await startNodeRed(userDir, await freePort());
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    await mkdir(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await nodeRed?.stop();
    await sim?.stop();
    if (userDir !== undefined) await rm(userDir, { recursive: true, force: true, maxRetries: 5 });
  });

  async function addVehicleNode(page: Page): Promise<void> {
    const paletteNode = page.locator('.red-ui-palette-node[data-palette-type="bimmer-vehicle"]');
    await paletteNode.waitFor({ state: 'attached', timeout: 60_000 });
    await paletteNode.scrollIntoViewIfNeeded();
    const from = await paletteNode.boundingBox();
    const chart = await page.locator('#red-ui-workspace-chart').boundingBox();
    if (from === null || chart === null) throw new Error('palette or workspace not laid out');
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(chart.x + 250, chart.y + 150, { steps: 10 });
    await page.mouse.up();
    await page.locator('.red-ui-flow-node').first().dblclick();
  }

  it('adds an account, logs in with the device code, shows the code, link and QR code, and turns to "logged in"', async () => {
    const page = await (browser as Browser).newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(15_000);
    try {
      await loginInTheEditor(page);
    } catch (error) {
      // What the browser showed when it failed, for whoever reads the CI log.
      await page.screenshot({ path: join(tmpdir(), 'bimmer-node-red-editor-failure.png') }).catch(() => undefined);
      throw new Error(`${(error as Error).message}\nScreenshot: ${join(tmpdir(), 'bimmer-node-red-editor-failure.png')}`);
    } finally {
      await page.close();
    }
  });

  async function loginInTheEditor(page: Page): Promise<void> {
    await page.goto(nodeRed?.url ?? '', { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await addVehicleNode(page);
    // Node-RED 5's "add new" button beside the account select (Node-RED 4 had one lookup button).
    await page.locator('#node-input-btn-account-add, #node-input-lookup-account').first().click();
    const dialog = page.locator('#node-config-dialog-edit-form');
    await dialog.waitFor({ state: 'visible' });
    await page.locator('#node-config-input-name').fill('My BMW');
    await page.locator('#node-config-input-transport').selectOption('cardata');
    await page.locator('#node-config-input-clientId').fill(CLIENT_ID);
    await page.locator('#node-config-input-baseUrl').fill(sim.url);
    await page.locator('#node-config-input-streamUrl').fill(sim.mqttUrl ?? '');
    await page.locator('#bimmer-login-button').click();

    const code = page.locator('#bimmer-login-code');
    await expect.poll(async () => (await code.textContent()) ?? '', { timeout: 20_000 }).not.toBe('');
    const userCode = (await code.textContent()) ?? '';
    expect(await page.locator('#bimmer-login-link').getAttribute('href')).toContain(userCode);
    await page.locator('#bimmer-login-qr svg').waitFor({ state: 'visible' });
    expect(await page.locator('#bimmer-login-state').getAttribute('data-state')).toBe('pending');
    await page.locator('.red-ui-tray').last().screenshot({ path: join(screenshots, 'login-code.png') });

    expect(await approve(sim, userCode)).toBe(1);
    const state = page.locator('#bimmer-login-state');
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 20_000 }).toBe('approved');
    expect(await state.textContent()).toBe('Logged in');
    await page.locator('.red-ui-tray').last().screenshot({ path: join(screenshots, 'logged-in.png') });
    expect(existsSync(join(screenshots, 'login-code.png'))).toBe(true);
  }
});
