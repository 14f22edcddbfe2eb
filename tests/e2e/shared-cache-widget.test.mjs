// The shared cache end to end, widget half (issue 10): a page whose widget
// has `shared-cache` reads availability through the real nginx (deploy/nginx/)
// while its customer is anonymous with an empty basket, switches to the
// custom domain with the cookie at once on a member's login or the first
// ticket, switches back when both are gone, and falls back by itself when
// the cache stops answering, saying nothing to the buyer.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as h from './harness.mjs';

const MEMBER = { email: 'member@example.com', password: 'member-demo' };

let browser;
before(async () => { await h.startServers(); await h.startNginx(); browser = await h.launch(); await h.control('reset', {}); });
after(async () => { await browser?.close(); await h.stopServers(); });

/** Seats of the Members lock that an anonymous customer sees as held. */
async function membersSeats(instanceId) {
  const detail = await h.publicApi(`instances/${instanceId}/status/detail?includeChildPlans=true&includeLockInformation=true`);
  const locks = new Map();
  const walk = (area) => { for (const lt of area.lockTypes ?? []) locks.set(lt.id, lt.name); for (const a of [...(area.areas ?? []), ...(area.childPlans ?? [])]) walk(a); };
  for (const a of detail.areas ?? []) walk(a);
  const members = [...locks].find(([, name]) => name === 'Members')?.[0];
  return [...(await h.anonymousLetters(instanceId))].filter(([, s]) => s.lockType === members && s.status === 'U').map(([id]) => id);
}

async function allInState(page, ids, state, within) {
  await h.eventually(async () => {
    const states = await Promise.all(ids.map((id) => h.seatState(page, id)));
    return states.every((s) => s === state);
  }, { timeout: within, interval: 50, message: `${ids.length} seats ${state} within ${within} ms` });
}

describe('a widget with a shared cache', () => {
  it('polls through the cache while anonymous, personally on login or first add, and falls back when the cache stops', async () => {
    const perf = await h.instanceOf('theatre', { bestAvailable: true });
    const members = (await membersSeats(perf.instanceId)).slice(0, 3);
    assert.ok(members.length === 3, 'the theatre has free Members seats');
    const [run] = await h.runsOf(perf.planId, perf.instanceId, 1);
    const { context, page } = await h.openPerformance(browser, perf.instanceId,
      { 'shared-cache': h.cacheUrl, 'poll-interval': '2', 'login-form': '', singles: 'off' });
    const statusFrom = { cache: 0, direct: 0 };
    page.on('request', (r) => {
      if (!r.url().includes('/status/detail')) return;
      if (r.url().startsWith(h.cacheUrl)) statusFrom.cache += 1; else if (r.url().startsWith(h.API)) statusFrom.direct += 1;
    });
    await h.waitForMap(page);
    await allInState(page, members, 'held-for-others', 10_000);
    const session = await h.sessionId(context);
    assert.ok(session, 'the page has its own Spektrix session (basket and customer are read with the cookie)');

    // 1. Anonymous, empty basket: every status read goes to the cache, none to the session.
    await new Promise((r) => setTimeout(r, 5_000));
    assert.ok(statusFrom.cache >= 2, `polled the cache: ${JSON.stringify(statusFrom)}`);
    assert.equal(statusFrom.direct, 0);
    assert.equal(await h.requestCount(session, h.STATUS_ROUTE), 0, 'no status read in this customer\'s session');

    // 2. A member logs in: personal at once, Members' seats open within a second or so.
    await page.fill('seat-map [data-testid="login-email"]', MEMBER.email);
    await page.fill('seat-map [data-testid="login-password"]', MEMBER.password);
    await page.click('seat-map [data-testid="login-submit"]');
    await allInState(page, members, 'held-for-you', 2_000);
    assert.ok(await h.requestCount(session, h.STATUS_ROUTE) >= 1, 'read with the cookie');

    // Logging out with an empty basket: back to the cache.
    await page.click('seat-map [data-testid="logout"]');
    await allInState(page, members, 'held-for-others', 3_000);
    await new Promise((r) => setTimeout(r, 1_000)); // a poll already on its way may still land
    let personal = await h.requestCount(session, h.STATUS_ROUTE);
    await new Promise((r) => setTimeout(r, 5_000));
    assert.equal(await h.requestCount(session, h.STATUS_ROUTE), personal, 'anonymous again: the cache');

    // 3. The first ticket in the basket: personal at once (the seat shows in the basket).
    await h.clickSeat(page, run.seats[0]);
    await page.click('seat-map [data-testid="add-to-basket"]');
    await h.waitForState(page, run.seats[0], 'in-basket');
    await new Promise((r) => setTimeout(r, 4_500));
    assert.ok(await h.requestCount(session, h.STATUS_ROUTE) > personal, 'with a ticket in the basket, personal');
    assert.equal(await h.seatState(page, run.seats[0]), 'in-basket');
    // Empty the basket: back to the cache.
    await page.click(`seat-map [data-testid="basket-panel"] [data-seat-id="${run.seats[0]}"] [data-testid="remove-ticket"]`);
    await h.eventually(async () => (await page.locator('seat-map [data-testid="basket-panel"] [data-ticket-id]').count()) === 0, { message: 'empty basket' });
    await new Promise((r) => setTimeout(r, 1_500));
    personal = await h.requestCount(session, h.STATUS_ROUTE);
    await new Promise((r) => setTimeout(r, 5_000));
    assert.equal(await h.requestCount(session, h.STATUS_ROUTE), personal, 'empty again: the cache');

    // 4. The cache stops answering: the custom domain is asked instead, and the buyer is told nothing.
    await h.stopNginx();
    await h.eventually(async () => (await h.requestCount(session, h.STATUS_ROUTE)) > personal, { timeout: 15_000, message: 'fell back to the custom domain' });
    assert.match(await page.locator('seat-map [data-testid="freshness"]').textContent(), /live/);
    assert.deepEqual(page.errors, []);
    await context.close();
  });
});
