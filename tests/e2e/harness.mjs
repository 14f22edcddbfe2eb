// End-to-end harness: starts the real sandbox and the demo venue site (page
// and API on different origins of one site: localhost:18080 and :18081),
// launches Debian's Chromium through playwright-core, and offers small
// helpers so tests read like scripts.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CACHE_BASE_PATH, NGINX_BIN, renderNginxConfig } from '../../deploy/nginx/render.mjs';

const ROOT = path.resolve(new URL('../..', import.meta.url).pathname);
// Several suites may run at once on one machine: each can take its own ports
// (SEATMAP_E2E_PORT_BASE) and its own built widget (SEATMAP_E2E_DIST).
const BASE = Number(process.env.SEATMAP_E2E_PORT_BASE ?? 18080);
export const PORTS = { site: BASE, api: BASE + 1, cdn: BASE + 2, cache: BASE + 3, cdnWithoutCors: BASE + 4 };
const DIST = process.env.SEATMAP_E2E_DIST ?? 'dist';
export const CLIENT = 'demotheatre';
export const API_ORIGIN = `http://localhost:${PORTS.api}`;
export const API = `${API_ORIGIN}/${CLIENT}/api/v3/`;
export const SITE = `http://localhost:${PORTS.site}`;
const CONTROL = `http://127.0.0.1:${PORTS.api}/_sandbox/`;
/** The shared cache (nginx with deploy/nginx/), as a page's `shared-cache` attribute names it. */
export const CACHE_ORIGIN = `http://localhost:${PORTS.cache}`;
export const cacheUrl = `${CACHE_ORIGIN}${CACHE_BASE_PATH}`;
/** The API's root through the cache: `cacheApi + 'instances/{id}'`. */
export const CACHE_API = `${cacheUrl}/${CLIENT}/api/v3/`;

const children = [];
let sandboxChild;
let nginx; // { child, prefix }

async function startProcess(cmd, args, readyText) {
  const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  const ready = new Promise((resolve, reject) => {
    const onData = (d) => {
      output += d;
      if (output.includes(readyText)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${cmd} exited (${code}) before it was ready:\n${output}`)));
  });
  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error(`${cmd} not ready in 30 s:\n${output}`)), 30_000).unref());
  await Promise.race([ready, timeout]);
  return child;
}

/** Starts the sandbox and the venue site. `sandboxArgs` adds flags. */
export async function startServers(sandboxArgs = []) {
  sandboxChild = await startProcess(path.join(ROOT, 'target/server/seatmap-sandbox'),
    ['--port', String(PORTS.api), '--client', CLIENT, '--allowed-origin', SITE, '--session-timeout-secs', '120', ...sandboxArgs],
    'listening on');
  await startProcess('node', ['www/venue/site.mjs', '--port', String(PORTS.site), '--cdn-port', String(PORTS.cdn),
    '--api', API_ORIGIN, '--client', CLIENT, '--dist', DIST, '--cdn-nocors-port', String(PORTS.cdnWithoutCors)], 'venue site on');
}

export async function stopServers() {
  for (const child of children.splice(0)) await stopChild(child);
  removeNginxPrefix();
}

async function stopChild(child) {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = once(child, 'exit').catch(() => {});
    child.kill('SIGTERM');
    await exited;
  }
}

/** Stops the sandbox alone (by its PID), e.g. to see the cache serve stale answers. */
export async function stopSandbox() {
  if (!sandboxChild) return;
  children.splice(children.indexOf(sandboxChild), 1);
  await stopChild(sandboxChild);
  sandboxChild = undefined;
}

/**
 * Starts nginx with the venue's cache config (deploy/nginx/) on
 * PORTS.cache in front of the sandbox, allowing the venue site's origin.
 * Its files live in a fresh temporary folder; stopServers() (or
 * stopNginx()) stops it by PID and removes the folder.
 */
export async function startNginx() {
  if (nginx) throw new Error('nginx is already running');
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'seatmap-nginx-'));
  const args = renderNginxConfig({
    prefix, port: PORTS.cache, upstream: `http://127.0.0.1:${PORTS.api}`,
    origins: [SITE, `http://127.0.0.1:${PORTS.site}`],
  });
  const child = spawn(NGINX_BIN, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  nginx = { child, prefix };
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  child.on('error', (e) => { output += String(e); });
  // nginx prints nothing when it is ready. It writes its pid file only once
  // it holds its port (another server on that port would answer too), and
  // then it is ready when it answers.
  const pidFile = path.join(prefix, 'nginx.pid');
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8').trim()) : 0;
    if (pid === child.pid && await fetch(`${CACHE_ORIGIN}/`).then(() => true, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  await stopNginx();
  throw new Error(`nginx (${NGINX_BIN} ${args.join(' ')}) did not start on port ${PORTS.cache}:\n${output}`);
}

/** Stops nginx (by PID) and removes its folder; the other servers keep running. */
export async function stopNginx() {
  if (!nginx) return;
  const at = children.indexOf(nginx.child);
  if (at >= 0) children.splice(at, 1);
  await stopChild(nginx.child);
  removeNginxPrefix();
}

function removeNginxPrefix() {
  if (!nginx) return;
  fs.rmSync(nginx.prefix, { recursive: true, force: true });
  nginx = undefined;
}

/** Calls the sandbox's control API. */
export async function control(route, body, method = body === undefined ? 'GET' : 'POST') {
  const res = await fetch(CONTROL + route, {
    method, headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`control ${method} ${route}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Reads the public API as a fresh anonymous session. */
export async function publicApi(route) {
  const res = await fetch(API + route);
  if (!res.ok) throw new Error(`GET ${route}: ${res.status}`);
  return res.json();
}

export async function catalog() {
  return control('catalog');
}

export async function instanceOf(venue, { bestAvailable } = {}) {
  const all = (await catalog()).filter((c) => c.venue === venue && (bestAvailable === undefined || c.hasBestAvailableOverlay === bestAvailable));
  if (!all.length) throw new Error(`no ${venue} performance in the catalog`);
  return all[0];
}

/** Every seat of a plan (walking the area tree). */
export async function planSeats(planId) {
  const plan = await publicApi(`plans/${planId}`);
  const seats = [];
  const walk = (area) => { for (const s of area.seats ?? []) seats.push(s); for (const a of area.areas ?? []) walk(a); };
  walk(plan);
  return seats;
}

/** Seat letters for an anonymous session: Map id → {status, lockType}. */
export async function anonymousLetters(instanceId) {
  const detail = await publicApi(`instances/${instanceId}/status/detail?includeChildPlans=true&includeLockInformation=true`);
  const letters = new Map();
  const walk = (area) => {
    for (const band of area.bands ?? []) for (const s of band.seats ?? []) letters.set(String(s.id), { ...s, band: band.priceBand?.id, area: area.name });
    for (const a of [...(area.areas ?? []), ...(area.childPlans ?? [])]) walk(a);
  };
  for (const a of detail.areas ?? []) walk(a);
  return letters;
}

/** Runs of `n` seats side by side, all with letter `letter`, from the plan's row links. */
export async function runsOf(planId, instanceId, n, letter = 'A') {
  const seats = await planSeats(planId);
  const letters = await anonymousLetters(instanceId);
  const byId = new Map(seats.map((s) => [String(s.id), s]));
  const runs = [];
  for (const s of seats) {
    if (s.previousSeatId != null && !s.previousIsAcrossAisle && byId.has(String(s.previousSeatId))) continue; // not a stretch start
    const stretch = [];
    let at = s;
    while (at) {
      stretch.push(at);
      if (at.nextIsAcrossAisle || at.nextSeatId == null) break;
      at = byId.get(String(at.nextSeatId));
    }
    for (let i = 0; i + n <= stretch.length; i++) {
      const slice = stretch.slice(i, i + n);
      if (slice.every((x) => letters.get(String(x.id))?.status === letter)) runs.push({ seats: slice.map((x) => String(x.id)), stretch: stretch.map((x) => String(x.id)), at: i });
    }
  }
  return runs;
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

export async function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/**
 * Installed in every page (see newContext): the widget renders inside the
 * open shadow root of <seat-map>. Playwright's own selectors (page.locator,
 * page.click, waitForSelector, $$eval) pierce shadow roots by themselves;
 * code run in the page (waitForFunction, evaluate) uses these instead of
 * document.querySelector:
 *   seatmapQuery('seat-map [data-seat-id="12"]')   the first match, or null
 *   seatmapQueryAll('#second [data-seat-id]')      an array of matches
 *   seatmapActiveElement()                         the focused element, inside the shadow root
 * The selector's first part names the host element(s); the rest is looked
 * up inside each host's shadow root (or the host itself if it has none).
 */
const IN_PAGE_HELPERS = `(() => {
  const queryAll = (selector) => {
    const parts = selector.match(/^\\s*(\\S+)\\s+([\\s\\S]+)$/);
    if (!parts) return [...document.querySelectorAll(selector)];
    return [...document.querySelectorAll(parts[1])].flatMap((host) => [...(host.shadowRoot ?? host).querySelectorAll(parts[2])]);
  };
  window.seatmapQueryAll = queryAll;
  window.seatmapQuery = (selector) => queryAll(selector)[0] ?? null;
  window.seatmapActiveElement = () => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active;
  };
})();`;

/** A browser context whose pages have the in-page helpers above. */
export async function newContext(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  await context.addInitScript(IN_PAGE_HELPERS);
  return context;
}

/** A fresh browser context (its own cookies: its own Spektrix session) on a performance page. */
export async function openPerformance(browser, instanceId, params = {}, contextOptions = {}) {
  const context = await newContext(browser, contextOptions);
  const page = await context.newPage();
  page.errors = [];
  page.responseUrls = [];
  page.on('response', (r) => page.responseUrls.push(r.url()));
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('dialog', (d) => { page.errors.push(`dialog: ${d.message()}`); d.dismiss(); });
  const query = new URLSearchParams(params).toString();
  await page.goto(`${SITE}/performance/${encodeURIComponent(instanceId)}${query ? '?' + query : ''}`);
  return { context, page };
}

/** Waits for the map's seats, or a big venue's overview of areas, or a panel saying why there is no map. */
/** Adds a second `<seat-map id="second">` on `instanceId` to the page, in `parent` (a selector), with extra attributes. */
export async function addSecondMap(page, instanceId, { parent = 'body', attributes = {} } = {}) {
  await page.evaluate(([parent, attributes]) => {
    const second = document.createElement('seat-map');
    second.id = 'second';
    for (const [name, value] of Object.entries(attributes)) second.setAttribute(name, value);
    document.querySelector(parent).append(second);
  }, [parent, { 'client-name': CLIENT, 'custom-domain': API_ORIGIN, 'instance-id': instanceId, ...attributes }]);
}

export async function waitForMap(page) {
  // The overview counts once it shows what is left (before the status arrives every map shows its areas).
  await page.waitForSelector(['seat-map [data-seat-id]', 'seat-map [data-detail="areas"] [data-area-outline]:not([data-state="unknown"])', 'seat-map [data-testid="error-panel"]', 'seat-map [data-testid="config-error"]',
    'seat-map [data-testid="unavailable"]'].join(', '), { timeout: 20_000 });
}

export const seat = (page, id) => page.locator(`seat-map [data-seat-id="${id}"]`).first();
export const seatState = (page, id) => seat(page, id).getAttribute('data-state');

/** Clicks a seat where it is drawn (dispatching on the element: seats are small at fit zoom). */
export async function clickSeat(page, id) {
  await seat(page, id).dispatchEvent('click');
}

export async function waitForState(page, id, state, timeout = 10_000) {
  await page.waitForFunction(([id, state]) => seatmapQuery(`seat-map [data-seat-id="${id}"]`)?.getAttribute('data-state') === state,
    [id, state], { timeout });
}

export async function sessionId(context) {
  const cookie = (await context.cookies(API)).find((c) => c.name === 'SpektrixSession');
  return cookie?.value;
}

/** Requests this session made to one route template, per the sandbox's counters. */
export async function requestCount(session, route) {
  const counts = await control('requests');
  return counts.sessions?.[session]?.[route] ?? 0;
}

export const STATUS_ROUTE = 'GET instances/{id}/status/detail';

/** Polls `check` until it returns a truthy value or the deadline passes. */
export async function eventually(check, { timeout = 10_000, interval = 100, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last;
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new Error(`timed out waiting for ${message} (last: ${JSON.stringify(last)})`);
}

export async function notice(page) {
  return (await page.locator('seat-map [data-testid="notice"]').textContent({ timeout: 10_000 })) ?? '';
}
