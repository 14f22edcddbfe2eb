// How long the box office holds the basket (issue 9): shown with tickets in
// the basket, counted from the last basket change with `basket-timeout`,
// warned of politely, and explained when it runs out. The sandbox's own
// session timeout is what ends the hold, so the two are set to agree.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as h from './harness.mjs';

const TIMEOUT_SECS = 30;

let browser;
before(async () => {
  await h.startServers(['--session-timeout-secs', String(TIMEOUT_SECS)]);
  browser = await h.launch();
  await h.control('reset', {});
});
after(async () => { await browser?.close(); await h.stopServers(); });

describe('the hold timer', () => {
  it('shows how long seats are held, warns, and explains when the hold ends', async () => {
    const perf = await h.instanceOf('studio');
    const [run] = await h.runsOf(perf.planId, perf.instanceId, 1);
    // A long poll interval: nothing but the customer's own actions touches the session.
    const { context, page } = await h.openPerformance(browser, perf.instanceId,
      { 'basket-timeout': String(TIMEOUT_SECS / 60), 'poll-interval': '600', singles: 'off' });
    await h.waitForMap(page);
    await h.clickSeat(page, run.seats[0]);
    await page.click('seat-map [data-testid="add-to-basket"]');
    await h.waitForState(page, run.seats[0], 'in-basket');
    const timer = page.locator('seat-map [data-testid="hold-timer"]');
    await timer.waitFor();
    const shown = await timer.textContent();
    const [, minutes, seconds] = shown.match(/held for (\d+):(\d\d) more/) ?? [];
    const left = Number(minutes) * 60 + Number(seconds);
    assert.ok(left > 15 && left <= TIMEOUT_SECS, `counted from the add: ${shown}`);
    // Under two minutes: the polite live region says so once.
    assert.match(await page.locator('seat-map [data-testid="hold-warning"]').textContent(), /less than two minutes/);
    assert.equal(await page.locator('seat-map [data-testid="hold-warning"]').getAttribute('aria-live'), 'polite');
    // It counts down.
    await h.eventually(async () => (await timer.textContent()) !== shown, { timeout: 3_000, message: 'counting down' });
    // When it runs out, the basket is read again and the customer is told.
    // The widget counts from the add's answer; the sandbox counts idleness
    // from the session's last request (the read just after the add), so the
    // first count may end a moment early: that read finds the seats still
    // held, the count starts again from it, and the next one ends the hold.
    await h.eventually(async () => /Your basket has expired/.test(await h.notice(page).catch(() => '')),
      { timeout: (2 * TIMEOUT_SECS + 15) * 1000, interval: 500, message: 'the expiry explained' });
    await h.eventually(async () => (await page.locator('seat-map [data-testid="basket-panel"] [data-ticket-id]').count()) === 0,
      { message: 'the basket is empty' });
    assert.equal(await timer.count(), 0, 'no timer without tickets');
    const holds = await h.control(`instances/${perf.instanceId}/holds`);
    assert.ok(!holds.some((x) => String(x.seat) === run.seats[0] && x.state === 'basket'), 'the box office released it');
    await context.close();
  });
});
