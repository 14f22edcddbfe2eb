// A venue's page with a strict Content-Security-Policy and Trusted Types
// (issue 12): with the directives the README lists, the widget loads and
// sells without a single violation; with one missing, or from a CDN that
// sends no CORS header, the console names exactly what to add and the buyer
// is not asked to reload.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as h from './harness.mjs';

let browser;
before(async () => { await h.startServers(); browser = await h.launch(); });
after(async () => { await browser?.close(); await h.stopServers(); });
beforeEach(async () => { await h.control('reset', {}); });

const CDN = `http://localhost:${h.PORTS.cdn}`;
const NO_CORS_CDN = `http://localhost:${h.PORTS.cdnWithoutCors}`;
/** The README's policy, for a page on SITE with the widget on CDN and the API on API_ORIGIN. */
const directives = {
  'default-src': "'self'",
  'script-src': `'self' ${CDN} 'wasm-unsafe-eval'`,
  'style-src': `'self' ${CDN}`,
  'connect-src': `${h.API_ORIGIN} ${CDN}`,
  'img-src': `'self' ${h.API_ORIGIN}`,
  'require-trusted-types-for': "'script'",
  'trusted-types': 'seatmap',
};
const policy = (changes = {}) => Object.entries({ ...directives, ...changes })
  .filter(([, value]) => value !== null).map(([name, value]) => `${name} ${value}`).join('; ');

/** A performance page under `csp`, recording violations and console errors from the very start. */
async function openWithPolicy(instanceId, csp, params = {}) {
  const context = await h.newContext(browser);
  await context.addInitScript(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.effectiveDirective} ${e.blockedURI}`), true);
  });
  const page = await context.newPage();
  page.errors = [];
  page.consoleErrors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') page.consoleErrors.push(m.text()); });
  const query = new URLSearchParams({ cdn: '', csp, ...params }).toString();
  await page.goto(`${h.SITE}/performance/${encodeURIComponent(instanceId)}?${query}`);
  return { context, page };
}

/** Waits for a console error matching `pattern` (they arrive as the loader works out what happened). */
async function consoleSays(page, pattern) {
  return h.eventually(() => page.consoleErrors.find((m) => pattern.test(m)), { timeout: 10_000, message: `a console error matching ${pattern}` })
    .catch((e) => { throw new Error(`${e.message}\nconsole errors:\n${page.consoleErrors.join('\n')}`); });
}

/** The buyer's message when the files can't load: plain, and never "reload". */
async function assertBuyerMessage(page) {
  const box = page.locator('seat-map [data-testid="unavailable"]');
  await box.waitFor({ timeout: 15_000 });
  const text = await box.textContent();
  assert.match(text, /can't be shown on this page right now/);
  assert.doesNotMatch(text, /reload|refresh/i);
  const events = await page.evaluate(() => window.seatmapEvents.filter((e) => e.type === 'seatmap:error').map((e) => e.detail));
  assert.equal(events.length, 1);
  assert.match(events[0].message, /can't be shown/);
  return events[0];
}

describe('a strict Content-Security-Policy', () => {
  it('loads, shows tooltips at the seat, selects, adds and removes with 0 violations', async () => {
    const perf = await h.instanceOf('theatre', { bestAvailable: true });
    const { context, page } = await openWithPolicy(perf.instanceId, policy());
    await h.waitForMap(page);
    await page.waitForFunction(() => window.seatmapEvents.some((e) => e.type === 'seatmap:ready'));
    // Hover a seat near the middle of the map: the tooltip is beside it, not at the map's edge.
    const [run] = await h.runsOf(perf.planId, perf.instanceId, 2);
    const middle = await page.evaluate((ids) => {
      const root = document.querySelector('seat-map').shadowRoot;
      const stage = root.querySelector('.seatmap-stage').getBoundingClientRect();
      const centre = (r) => [r.left + r.width / 2, r.top + r.height / 2];
      const [sx, sy] = centre(stage);
      let best = null;
      for (const seat of root.querySelectorAll('[data-seat-id][data-state="available"]')) {
        if (ids.includes(seat.getAttribute('data-seat-id'))) continue;
        const [x, y] = centre(seat.getBoundingClientRect());
        const distance = Math.hypot(x - sx, y - sy);
        if (!best || distance < best.distance) best = { id: seat.getAttribute('data-seat-id'), distance };
      }
      return best.id;
    }, run.seats);
    await h.seat(page, middle).hover();
    const tooltip = page.locator('seat-map [data-testid="tooltip"]');
    await tooltip.waitFor();
    const [tip, seatBox, stageBox] = await Promise.all([tooltip.boundingBox(), h.seat(page, middle).boundingBox(),
      page.locator('seat-map .seatmap-stage').boundingBox()]);
    const gapX = Math.max(0, tip.x - (seatBox.x + seatBox.width), seatBox.x - (tip.x + tip.width));
    const gapY = Math.max(0, tip.y - (seatBox.y + seatBox.height), seatBox.y - (tip.y + tip.height));
    assert.ok(gapX <= 24 && gapY <= 24, `tooltip ${JSON.stringify(tip)} beside seat ${JSON.stringify(seatBox)}`);
    assert.ok(tip.x > stageBox.x + 40, 'not at the map\'s left edge');

    for (const id of run.seats) {
      await h.clickSeat(page, id);
      await h.waitForState(page, id, 'selected');
    }
    await page.click('seat-map [data-testid="add-to-basket"]');
    for (const id of run.seats) await h.waitForState(page, id, 'in-basket');
    await page.locator(`seat-map [data-testid="basket-panel"] [data-seat-id="${run.seats[0]}"] [data-testid="remove-ticket"]`).click();
    await h.waitForState(page, run.seats[0], 'available');

    assert.deepEqual(await page.evaluate(() => window.violations), []);
    assert.deepEqual(page.consoleErrors.filter((m) => /Content Security Policy|Trusted Type|TrustedHTML/i.test(m)), []);
    assert.deepEqual(page.errors, []);
    // And the policy really is enforced here: a plain string is refused (this makes the one violation).
    const enforced = await page.evaluate(() => {
      try { document.createElement('div').innerHTML = '<b>x</b>'; return false; } catch { return true; }
    });
    assert.equal(enforced, true, 'the page enforces Trusted Types');
    await context.close();
  });

  it('names the directive to add when the CDN is missing from connect-src, and tells the buyer plainly', async () => {
    const perf = await h.instanceOf('studio');
    const { context, page } = await openWithPolicy(perf.instanceId, policy({ 'connect-src': h.API_ORIGIN }), { 'fallback-url': '/' });
    await consoleSays(page, new RegExp(`add ${CDN} to connect-src`));
    const event = await assertBuyerMessage(page);
    assert.match(event.detail, /connect-src/);
    // The venue gave its own booking page: the buyer can go on there.
    assert.equal(await page.locator('seat-map [data-testid="fallback-link"]').evaluate((a) => a.href), `${h.SITE}/`);
    await context.close();
  });

  it('names \'wasm-unsafe-eval\' when WebAssembly is not allowed, and style-src when the stylesheet is blocked', async () => {
    const perf = await h.instanceOf('studio');
    const noWasm = await openWithPolicy(perf.instanceId, policy({ 'script-src': `'self' ${CDN}` }));
    await consoleSays(noWasm.page, /add 'wasm-unsafe-eval' to script-src/);
    await assertBuyerMessage(noWasm.page);
    assert.equal(await noWasm.page.locator('seat-map [data-testid="fallback-link"]').count(), 0, 'no link without fallback-url');
    await noWasm.context.close();

    const noStyle = await openWithPolicy(perf.instanceId, policy({ 'style-src': "'self'" }));
    await consoleSays(noStyle.page, new RegExp(`add ${CDN} to style-src`));
    await assertBuyerMessage(noStyle.page);
    await noStyle.context.close();
  });
});

describe('Trusted Types', () => {
  it('draws every seat through the widget\'s named policy, and names it when the page does not allow it', async () => {
    const perf = await h.instanceOf('studio');
    const seats = (await h.planSeats(perf.planId)).length;
    // Only Trusted Types, nothing else restricted: the seats are drawn.
    const allowed = await openWithPolicy(perf.instanceId, "require-trusted-types-for 'script'; trusted-types seatmap");
    await allowed.page.waitForFunction((n) => seatmapQueryAll('seat-map [data-seat-id]').length === n, seats, { timeout: 20_000 });
    assert.deepEqual(await allowed.page.evaluate(() => window.violations), []);
    await allowed.context.close();

    const refused = await openWithPolicy(perf.instanceId, "require-trusted-types-for 'script'; trusted-types other");
    await consoleSays(refused.page, /Trusted Types policy 'seatmap'.*trusted-types directive/);
    await refused.context.close();
  });
});

describe('a CDN without CORS headers', () => {
  it('is named in the console: the CDN must send Access-Control-Allow-Origin', async () => {
    const perf = await h.instanceOf('studio');
    const context = await h.newContext(browser);
    const page = await context.newPage();
    page.consoleErrors = [];
    page.on('console', (m) => { if (m.type() === 'error') page.consoleErrors.push(m.text()); });
    await page.goto(`${h.SITE}/performance/${perf.instanceId}?cdn=nocors`);
    // Both files are refused; each is named on its own, in whichever order the browser fails them.
    await consoleSays(page, new RegExp(`${NO_CORS_CDN}/assets/seatmap/seatmap-widget\\.js .*must send Access-Control-Allow-Origin`));
    await consoleSays(page, new RegExp(`${NO_CORS_CDN}/assets/seatmap/seatmap-widget_bg.wasm can't be read .* Access-Control-Allow-Origin`));
    await assertBuyerMessage(page);
    await context.close();
  });
});
