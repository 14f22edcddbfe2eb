// axe-core (pinned in package.json) on the demo venue's pages, the widget
// inside them: the studio, the theatre and the arena, each as it opens
// (for the arena, its overview of areas) and with a basket, a choice and a
// seat's tooltip open all at once. Zero violations, WCAG 2.x A/AA and
// axe's best practices, plus label-content-name-mismatch (speech users say
// what they see). axe walks open shadow roots, so it checks the widget
// wherever it renders.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import * as h from './harness.mjs';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let browser;
before(async () => { await h.startServers(); browser = await h.launch(); });
after(async () => { await browser?.close(); await h.stopServers(); });
beforeEach(async () => { await h.control('reset', {}); });

/**
 * Runs axe on the whole page and returns its violations, one line each.
 * Evaluated rather than added as a <script>, so a page's CSP cannot stop it.
 * Only violations are collected in full: passes on 20,000 seats would cost
 * minutes and say nothing.
 */
async function violations(page) {
  await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(() => axe.run(document, {
    resultTypes: ['violations'],
    rules: { 'label-content-name-mismatch': { enabled: true } },
  }).then((result) => result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' >>> ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
    count: v.nodes.length,
  }))));
  return found.map((v) => `${v.id} (${v.impact}, ${v.count} nodes): ${v.help}\n    ${v.nodes.join('\n    ')}`);
}

/** The names of the areas holding a seat, outermost first (as the map's area picker lists them). */
async function areaPathOf(planId, seatId) {
  const plan = await h.publicApi(`plans/${planId}`);
  const walk = (area, path) => {
    if ((area.seats ?? []).some((s) => String(s.id) === seatId)) return path;
    for (const child of area.areas ?? []) {
      const found = walk(child, [...path, child.name]);
      if (found) return found;
    }
    return null;
  };
  return walk(plan, []) ?? [];
}

/**
 * Makes a seat's element exist and be in sight: a big venue may open on
 * its overview (areas, not seats), where choosing the seat's area in the
 * map's area picker shows its seats.
 */
async function showSeat(page, planId, seatId) {
  const seat = h.seat(page, seatId);
  // Drawn is not enough: the map keeps the seats of areas it has shown, also once they are out of sight.
  if (await seat.count()) {
    const [box, map] = [await seat.boundingBox(), await page.locator('seat-map [data-testid="seatmap-svg"]').boundingBox()];
    const inside = box && map && box.x >= map.x && box.y >= map.y && box.x + box.width <= map.x + map.width && box.y + box.height <= map.y + map.height;
    if (inside) return seat;
  }
  const path = (await areaPathOf(planId, seatId)).filter(Boolean);
  const options = page.locator('seat-map [data-testid="zoom-area"] option');
  const labels = await options.allTextContents();
  const wanted = labels.findIndex((label) => path.length && label.trim().endsWith(path[path.length - 1]));
  assert.ok(wanted >= 0, `the area picker offers the area of seat ${seatId} (${path.join(' › ')}): ${labels.join(', ')}`);
  await page.locator('seat-map [data-testid="zoom-area"]').selectOption({ index: wanted });
  await seat.waitFor({ state: 'attached', timeout: 10_000 });
  return seat;
}

/** Chooses a seat and waits until the map shows it chosen. */
async function choose(page, planId, seatId) {
  await showSeat(page, planId, seatId);
  await h.clickSeat(page, seatId);
  await h.waitForState(page, seatId, 'selected');
}

for (const venue of ['studio', 'theatre', 'arena']) {
  describe(`accessibility of the ${venue} page`, () => {
    it('has no axe violations as it opens (the arena: its overview)', async () => {
      const perf = await h.instanceOf(venue);
      const { context, page } = await h.openPerformance(browser, perf.instanceId);
      await h.waitForMap(page);
      await page.locator('seat-map [data-testid="freshness"]').filter({ hasText: 'live' }).waitFor({ timeout: 20_000 });
      assert.deepEqual(await violations(page), []);
      assert.deepEqual(page.errors, []);
      await context.close();
    });

    it('has no axe violations with a basket, a choice and a tooltip open', async () => {
      const perf = await h.instanceOf(venue);
      const runs = await h.runsOf(perf.planId, perf.instanceId, 2);
      assert.ok(runs.length >= 3, `${venue} has free pairs of seats`);
      // Pairs from different rows, so each step's seats stay free for the next.
      const [bought, chosen, pointed] = [runs[0], runs[Math.floor(runs.length / 2)], runs[runs.length - 1]];
      const { context, page } = await h.openPerformance(browser, perf.instanceId);
      await h.waitForMap(page);
      for (const id of bought.seats) await choose(page, perf.planId, id);
      await page.locator('seat-map [data-testid="add-to-basket"]').click();
      for (const id of bought.seats) await h.waitForState(page, id, 'in-basket', 15_000);
      await page.locator('seat-map [data-testid="basket-panel"] [data-ticket-id]').first().waitFor();
      for (const id of chosen.seats) await choose(page, perf.planId, id);
      await page.locator('seat-map [data-testid="summary-add"]').waitFor();
      const hovered = await showSeat(page, perf.planId, pointed.seats[0]);
      await hovered.hover();
      await page.locator('seat-map [data-testid="tooltip"]').waitFor({ state: 'visible' });
      assert.deepEqual(await violations(page), []);
      assert.deepEqual(page.errors, []);
      await context.close();
    });
  });
}
