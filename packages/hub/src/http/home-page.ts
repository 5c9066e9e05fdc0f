import type { LiveAccount } from '@bimmer/core';
import type { LoginPrompt } from '../login/login-prompt';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

function age(ms: number | undefined): string {
  if (ms === undefined) return 'unknown';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 90) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}

/** What the page shows besides the account. */
export interface HomePageView {
  readonly account: LiveAccount | undefined;
  readonly login: LoginPrompt | undefined;
  readonly mqtt: {
    readonly url: string;
    readonly connected: boolean;
    readonly mode: 'embedded' | 'external';
  };
  readonly prefix: string;
  readonly now: number;
}

/**
 * The hub's small page at `/`: while there is no BMW login, the device code and the link to enter
 * it (the hub starts by itself once BMW confirms); afterwards the vehicles with their battery and
 * how old their data is, the BMW stream's state and the REST budget. It reloads itself every 5 s.
 */
export function renderHomePage(view: HomePageView): string {
  const parts: string[] = [];
  const login = view.login;
  if (login !== undefined) {
    const link = login.verificationUriComplete ?? login.verificationUri;
    parts.push(
      '<section><h2>Connect to BMW CarData</h2>',
      login.userCode === undefined
        ? `<p>${escapeHtml(login.status)}</p>`
        : `<p>Open <a href="${escapeHtml(link)}" target="_blank" rel="noreferrer">${escapeHtml(link)}</a> and enter the code</p>` +
            `<p class="code">${escapeHtml(login.userCode)}</p>` +
            `<p>The code is valid until ${escapeHtml(login.expiresAt?.toISOString() ?? 'unknown')}. ` +
            'The hub starts as soon as BMW confirms; this page then shows your vehicles.</p>',
      login.error === undefined ? '' : `<p class="error">${escapeHtml(login.error)}</p>`,
      '</section>',
    );
  }
  const account = view.account;
  if (account !== undefined) {
    const connection = account.connection;
    parts.push(
      '<section><h2>BMW stream</h2>',
      `<p><strong>${escapeHtml(connection.state)}</strong> since ${escapeHtml(connection.since.toISOString())}` +
        `${connection.reason === undefined ? '' : `: ${escapeHtml(connection.reason)}`}</p></section>`,
    );
    const budget = account.budget;
    if (budget !== undefined) {
      const { summary } = budget;
      parts.push(
        '<section><h2>REST budget</h2>',
        `<p>${escapeHtml(budget.left)} of ${escapeHtml(budget.limit)} calls left (${escapeHtml(budget.reserve)} kept for explicit refreshes); next free call ${escapeHtml(budget.nextFreeAt.toISOString())}.</p>`,
        typeof summary === 'string' ? `<p>${escapeHtml(summary)}</p>` : '',
        '</section>',
      );
    }
    const rows = account.vehicles.map((vehicle) => {
      const snapshot = vehicle.snapshot;
      const battery = snapshot.fuelAndBattery?.remainingBatteryPercent;
      const name = [snapshot.brand?.toUpperCase(), snapshot.name]
        .filter((part) => part !== undefined)
        .join(' ');
      return (
        `<tr><td>${escapeHtml(vehicle.vin)}</td><td>${escapeHtml(name)}</td>` +
        `<td>${battery === undefined ? '' : `${escapeHtml(battery)} %`}</td>` +
        `<td>${escapeHtml(age(vehicle.ageOf('fuelAndBattery.remainingBatteryPercent')))}</td>` +
        `<td>${vehicle.staleSince === undefined ? 'fresh' : 'stale'}${vehicle.restored ? ', restored' : ''}</td></tr>`
      );
    });
    parts.push(
      '<section><h2>Vehicles</h2>',
      rows.length === 0
        ? '<p>No vehicle yet: they appear with the first stream message or REST read.</p>'
        : `<table><tr><th>VIN</th><th>Vehicle</th><th>Battery</th><th>Measured</th><th>Data</th></tr>${rows.join('')}</table>`,
      '</section>',
    );
  }
  parts.push(
    '<section><h2>MQTT</h2>',
    `<p>${view.mqtt.mode === 'embedded' ? 'Embedded broker' : 'Publishing to'} ${escapeHtml(view.mqtt.url)} ` +
      `(${view.mqtt.connected ? 'connected' : 'not connected'}), topics under <code>${escapeHtml(view.prefix)}/#</code>.</p>`,
    '<p><a href="/health">health</a> · <a href="/api/vehicles">vehicles (JSON)</a> · <a href="/metrics">metrics</a></p></section>',
  );
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1"><title>bimmer hub</title>' +
    '<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}' +
    '.code{font-size:2rem;font-family:monospace;letter-spacing:.2rem}.error{color:#b00}' +
    'table{border-collapse:collapse}td,th{padding:.25rem .75rem;text-align:left;border-bottom:1px solid #ddd}</style>' +
    `</head><body><h1>bimmer hub</h1>${parts.join('')}</body></html>`
  );
}
