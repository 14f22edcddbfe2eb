// Meeting a real venue in one step (issue 8): a capture recorded in the
// browser with element.capture() replays in the sandbox as a venue with the
// same ids, and the widget runs against it; the capture shipped as a fixture
// replays too.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as h from './harness.mjs';

let browser;
after(async () => { await browser?.close(); await h.stopServers(); });

/** Seats drawn, by state. */
async function states(page) {
  const ids = await page.locator('seat-map [data-seat-id]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-seat-id'), e.getAttribute('data-state')]));
  return new Map(ids);
}

describe('capture and replay', () => {
  it('records a capture in the browser, and the sandbox replays it as the same venue', async () => {
    await h.startServers();
    browser = await h.launch();
    await h.control('reset', {});
    const perf = await h.instanceOf('theatre', { bestAvailable: true });
    const [run] = await h.runsOf(perf.planId, perf.instanceId, 2);
    await h.control(`instances/${perf.instanceId}/sell`, { seats: [run.seats[0]] });
    const { context, page } = await h.openPerformance(browser, perf.instanceId, { 'login-form': '' });
    await h.waitForMap(page);
    await page.fill('seat-map [data-testid="login-email"]', 'member@example.com');
    await page.fill('seat-map [data-testid="login-password"]', 'member-demo');
    await page.click('seat-map [data-testid="login-submit"]');
    await page.locator('seat-map [data-testid="logout"]').waitFor();
    const json = await page.evaluate(() => document.querySelector('seat-map').capture());
    const recorded = await states(page);
    await context.close();

    const capture = JSON.parse(json);
    assert.equal(capture.format, 'seatmap-capture');
    assert.equal(capture.instanceId, perf.instanceId);
    assert.equal(capture.loggedIn, true);
    const names = capture.exchanges.map((e) => e.name);
    for (const name of ['instance', 'plan', 'price-list', 'status', 'status-detail', 'status-detail-session', 'basket', 'customer']) {
      assert.ok(names.includes(name), `${name} in ${names}`);
    }
    const detail = capture.exchanges.find((e) => e.name === 'status-detail');
    assert.equal(detail.credentials, 'omit', 'the anonymous view');
    assert.equal(detail.status, 200);
    assert.match(detail.contentType, /json/);
    assert.equal(detail.bytes, Buffer.byteLength(detail.body));
    const customer = capture.exchanges.find((e) => e.name === 'customer');
    assert.ok(!customer.body.includes('member@example.com') && customer.body.includes('REDACTED'), customer.body);
    assert.ok(capture.redacted.includes('customer.email'));

    // Replay it: a fresh sandbox serving exactly that venue, with its ids.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'seatmap-capture-')), 'capture.json');
    fs.writeFileSync(file, json);
    await h.stopServers();
    await h.startServers(['--replay', file, '--seed', '7']);
    const replayed = await h.openPerformance(browser, perf.instanceId);
    await h.waitForMap(replayed.page);
    const now = await states(replayed.page);
    assert.equal(now.size, recorded.size, 'every seat, with its id');
    assert.deepEqual([...now.keys()].sort(), [...recorded.keys()].sort());
    assert.equal(now.get(run.seats[0]), 'unavailable', 'the seat sold when recording is sold');
    // And it is a venue like any other: choosing and adding work.
    await h.clickSeat(replayed.page, run.seats[1]);
    await replayed.page.click('seat-map [data-testid="add-to-basket"]');
    await h.waitForState(replayed.page, run.seats[1], 'in-basket');
    await replayed.context.close();
    await h.stopServers();
  });

  it('replays the capture shipped as a fixture', async () => {
    const fixture = JSON.parse(fs.readFileSync(path.join('fixtures', 'captures', 'sandbox-theatre.json'), 'utf8'));
    await h.startServers(['--replay', 'fixtures/captures/sandbox-theatre.json']);
    browser ??= await h.launch();
    const { context, page } = await h.openPerformance(browser, fixture.instanceId);
    await h.waitForMap(page);
    const plan = JSON.parse(fixture.exchanges.find((e) => e.name === 'plan').body);
    let seats = 0;
    const walk = (area) => { seats += (area.seats ?? []).length; (area.areas ?? []).forEach(walk); };
    walk(plan);
    assert.equal(await page.locator('seat-map [data-seat-id]').count(), seats);
    const detail = JSON.parse(fixture.exchanges.find((e) => e.name === 'status-detail').body);
    const sold = detail.areas.flatMap((a) => (a.bands ?? []).flatMap((b) => b.seats ?? [])).find((s) => s.status === 'U' && !s.lockType);
    assert.equal(await h.seatState(page, String(sold.id)), 'unavailable');
    await context.close();
    await h.stopServers();
  });
});
