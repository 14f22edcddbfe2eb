// The shared cache end to end, infrastructure half: the real nginx (Debian's,
// installed by scripts/setup.sh) runs the venue's config from deploy/nginx/
// in front of the real sandbox, and these tests read through it over HTTP as
// a page on the venue's site would (anonymous, no credentials): CORS, one
// upstream request for many visitors, no cookie either way, nothing but the
// four public reads, stale answers while the sandbox is down.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import zlib from 'node:zlib';
import * as h from './harness.mjs';

const DETAIL_QUERY = '?includeChildPlans=true&includeLockInformation=true';
const ROUTES = {
  detail: 'GET instances/{id}/status/detail',
  instance: 'GET instances/{id}',
  plan: 'GET plans/{id}',
  prices: 'GET instances/{id}/price-list',
};
/** The cache's validity for status/detail (deploy/nginx/seatmap-cache-locations.conf). */
const DETAIL_TTL_MS = 2_000;

/**
 * One raw HTTP request (node:http, so nothing is added or decoded behind our
 * back: no automatic gzip, cookies exactly as given).
 */
function request(url, { method = 'GET', headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(15_000, () => req.destroy(new Error(`${method} ${url}: no answer in 15 s`)));
    req.end();
  });
}

const viaCache = (route, options) => request(h.CACHE_API + route, options);
const direct = (route, options) => request(h.API + route, options);

function text(res) {
  return (res.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(res.body) : res.body).toString('utf8');
}

async function routeCount(route) {
  return (await h.control('requests')).routes?.[route] ?? 0;
}

/** The Vary header's names (nginx sends it twice; node joins the two with ", "). */
const varies = (res) => String(res.headers.vary ?? '').split(',').map((v) => v.trim().toLowerCase());

let performances; // catalog rows; each test reads its own, so every cache entry starts cold
before(async () => {
  await h.startServers();
  await h.startNginx();
  await h.control('reset', {});
  performances = await h.catalog();
  assert.ok(performances.length >= 6, `the default catalog has six performances (${performances.length})`);
});
after(async () => { await h.stopServers(); });

describe('shared cache (nginx, deploy/nginx/)', () => {
  it('answers a page on the venue origin with CORS and never with credentials', async () => {
    const { instanceId } = performances[0];
    const route = `instances/${instanceId}/status/detail${DETAIL_QUERY}`;
    for (const origin of [h.SITE, h.SITE.replace('localhost', '127.0.0.1')]) {
      const res = await viaCache(route, { headers: { origin, 'accept-encoding': 'gzip' } });
      assert.equal(res.status, 200);
      assert.equal(res.headers['access-control-allow-origin'], origin);
      assert.equal(res.headers['access-control-allow-credentials'], undefined, 'no credentials on a shared answer');
      assert.ok(varies(res).includes('origin'), `Vary names Origin (${res.headers.vary})`);
      assert.match(res.headers['access-control-expose-headers'] ?? '', /X-Cache-Status/i);
      assert.equal(JSON.parse(text(res)).instance, instanceId);
    }
    const foreign = await viaCache(route, { headers: { origin: 'http://elsewhere.example' } });
    assert.equal(foreign.status, 200);
    assert.equal(foreign.headers['access-control-allow-origin'], undefined, 'an origin not listed gets no CORS header');

    const preflight = await viaCache(route, {
      method: 'OPTIONS', headers: { origin: h.SITE, 'access-control-request-method': 'GET' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], h.SITE);
    assert.equal(preflight.headers['access-control-allow-methods'], 'GET, HEAD');
    assert.equal(preflight.headers['access-control-allow-credentials'], undefined);
  });

  it('serves status/detail from the cache after one upstream read, fresh within the cache time', async () => {
    const { instanceId, planId } = performances[1];
    const route = `instances/${instanceId}/status/detail${DETAIL_QUERY}`;
    const before = await routeCount(ROUTES.detail);
    const first = await viaCache(route, { headers: { 'accept-encoding': 'gzip' } });
    const second = await viaCache(route, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(first.headers['x-cache-status'], 'MISS');
    assert.equal(second.headers['x-cache-status'], 'HIT', 'the second read within 2 s comes from the cache');
    assert.equal(await routeCount(ROUTES.detail), before + 1, 'the sandbox saw one status/detail');
    assert.deepEqual(JSON.parse(text(second)), JSON.parse(text(first)));
    // The cached answer is the anonymous one the sandbox gives directly.
    assert.deepEqual(JSON.parse(text(second)), JSON.parse(text(await direct(route))));

    // A seat sold now shows through the cache once the 2 s entry expires,
    // and not later: staleness is bounded by the cache time.
    const seats = new Map((await h.planSeats(planId)).map((s) => [String(s.id), s]));
    const free = [...(await h.anonymousLetters(instanceId))].find(([id, s]) => s.status === 'A' && seats.has(id));
    assert.ok(free, 'a free seat to sell');
    const [seatId] = free;
    await h.control(`instances/${instanceId}/sell`, { seats: [seatId] });
    const soldAt = Date.now();
    const seen = await h.eventually(async () => {
      const res = await viaCache(route, { headers: { 'accept-encoding': 'gzip' } });
      return letterOf(JSON.parse(text(res)), seatId) === 'U' ? Date.now() - soldAt : 0;
    }, { timeout: 10_000, interval: 100, message: `seat ${seatId} sold as seen through the cache` });
    assert.ok(seen <= DETAIL_TTL_MS + 1_500, `the sale showed through the cache after ${seen} ms (cache time ${DETAIL_TTL_MS} ms)`);
  });

  it('makes one upstream request for 20 concurrent misses (proxy_cache_lock)', async () => {
    const { instanceId } = performances[2];
    const route = `instances/${instanceId}/status/detail${DETAIL_QUERY}`;
    const before = await routeCount(ROUTES.detail);
    const answers = await Promise.all(Array.from({ length: 20 }, () => viaCache(route, { headers: { 'accept-encoding': 'gzip' } })));
    assert.deepEqual(answers.map((a) => a.status), Array(20).fill(200));
    const bodies = new Set(answers.map((a) => text(a)));
    assert.equal(bodies.size, 1, 'all 20 got the same answer');
    const upstream = (await routeCount(ROUTES.detail)) - before;
    assert.equal(upstream, 1, `the sandbox saw ${upstream} status/detail requests for 20 concurrent visitors`);
  });

  it('caches the arrival reads (performance, plan, price list) for every visitor', async () => {
    const { instanceId, planId } = performances[3];
    const reads = { instance: `instances/${instanceId}`, plan: `plans/${planId}`, prices: `instances/${instanceId}/price-list` };
    const before = Object.fromEntries(await Promise.all(Object.keys(reads).map(async (k) => [k, await routeCount(ROUTES[k])])));
    for (let visitor = 0; visitor < 5; visitor++) {
      for (const [kind, route] of Object.entries(reads)) {
        const res = await viaCache(route, { headers: { 'accept-encoding': 'gzip' } });
        assert.equal(res.status, 200, `${route}: ${res.status}`);
        assert.equal(res.headers['x-cache-status'], visitor === 0 ? 'MISS' : 'HIT', `${kind} for visitor ${visitor}`);
      }
    }
    for (const kind of Object.keys(reads)) {
      assert.equal(await routeCount(ROUTES[kind]), before[kind] + 1, `one upstream ${kind} read for five visitors`);
    }
  });

  it('passes gzip to visitors that accept it and unpacks it for the others', async () => {
    const { planId } = performances[3];
    const gzipped = await viaCache(`plans/${planId}`, { headers: { 'accept-encoding': 'gzip' } });
    const plain = await viaCache(`plans/${planId}`);
    assert.equal(gzipped.headers['content-encoding'], 'gzip');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.ok(gzipped.body.length < plain.body.length / 3, `gzip ${gzipped.body.length} B vs plain ${plain.body.length} B`);
    assert.deepEqual(JSON.parse(plain.body.toString('utf8')), JSON.parse(text(gzipped)));
    assert.equal(plain.headers['x-cache-status'], 'HIT', 'one cached copy serves both');
  });

  it('neither forwards a visitor\'s cookie nor hands out a session', async () => {
    // A real session of the sandbox, made directly on the "custom domain".
    const mine = await direct('basket');
    const cookie = String(mine.headers['set-cookie'] ?? '').match(/SpektrixSession=([^;]+)/)?.[1];
    assert.ok(cookie, 'the sandbox set a session cookie directly');
    const countsOf = async () => (await h.control('requests')).sessions?.[cookie] ?? {};
    const mineBefore = await countsOf();

    const { instanceId } = performances[4];
    const route = `instances/${instanceId}/price-list`;
    const upstreamBefore = await routeCount(ROUTES.prices);
    const miss = await viaCache(route, { headers: { cookie: `SpektrixSession=${cookie}` } });
    assert.equal(miss.status, 200);
    assert.equal(miss.headers['x-cache-status'], 'MISS', 'this read went upstream');
    assert.equal(await routeCount(ROUTES.prices), upstreamBefore + 1);
    assert.deepEqual(await countsOf(), mineBefore, 'the upstream read was not made in the visitor\'s session');
    assert.equal(miss.headers['set-cookie'], undefined, 'no Set-Cookie reaches the visitor');

    const sessionsBefore = (await h.control('sessions')).length;
    const hit = await viaCache(route, { headers: { cookie: `SpektrixSession=${cookie}` } });
    assert.equal(hit.headers['x-cache-status'], 'HIT');
    assert.equal(hit.headers['set-cookie'], undefined);
    assert.equal((await h.control('sessions')).length, sessionsBefore, 'a cached read makes no session');
  });

  it('refuses every method but GET/HEAD and every path but the four reads', async () => {
    const { instanceId, planId } = performances[3];
    const totalBefore = (await h.control('requests')).total;
    const refused = [
      ['POST', `instances/${instanceId}/status/detail${DETAIL_QUERY}`],
      ['DELETE', `instances/${instanceId}`],
      ['PUT', `plans/${planId}`],
      ['POST', 'basket/tickets'],
      ['DELETE', 'basket/tickets?ticketIds=1'],
      ['GET', 'basket'],
      ['GET', 'customer'],
      ['POST', 'customer/authenticate'],
      ['GET', 'events'],
      ['GET', `instances/${instanceId}/status`],
      ['GET', `instances/${instanceId}/status/detail/extra`],
    ];
    for (const [method, route] of refused) {
      const res = await viaCache(route, { method });
      assert.equal(res.status, 403, `${method} ${route}: ${res.status}`);
    }
    for (const outside of [`/${h.CLIENT}/api/v3/instances/${instanceId}`, `/_sandbox/catalog`, '/seatmap-cache/']) {
      const res = await request(h.CACHE_ORIGIN + outside);
      assert.equal(res.status, 403, `GET ${outside}: ${res.status}`);
    }
    assert.equal((await h.control('requests')).total, totalBefore, 'nothing refused reached the sandbox');
    const head = await viaCache(`instances/${instanceId}`, { method: 'HEAD' });
    assert.equal(head.status, 200, 'HEAD is a read');
  });

  // Last: it stops the sandbox.
  it('keeps serving the last answer while the sandbox is down, and errors where it has none', async () => {
    const { instanceId, planId } = performances[5];
    const route = `instances/${instanceId}/status/detail${DETAIL_QUERY}`;
    const warm = await viaCache(route, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(warm.status, 200);
    await h.stopSandbox();
    // Once the 2 s entry has expired, the answer is the stale one (STALE for
    // the request that starts the failing refresh, UPDATING for the others).
    const stale = await h.eventually(async () => {
      const res = await viaCache(route, { headers: { 'accept-encoding': 'gzip' } });
      return ['STALE', 'UPDATING'].includes(res.headers['x-cache-status']) ? res : null;
    }, { timeout: 10_000, interval: 200, message: 'a stale answer with the sandbox down' });
    assert.equal(stale.status, 200);
    assert.deepEqual(JSON.parse(text(stale)), JSON.parse(text(warm)));
    // Nothing cached for this one: the visitor gets the error, and the widget
    // falls back to the custom domain.
    const never = await viaCache(`plans/${planId}`);
    assert.equal(never.status, 502);
  });

  // The widget's half (polling through the cache, switching to personal and
  // back, falling back when nginx stops) is in shared-cache-widget.test.mjs.

});

/** The status letter of one seat in a status/detail document. */
function letterOf(detail, seatId) {
  let found;
  const walk = (area) => {
    for (const band of area.bands ?? []) for (const s of band.seats ?? []) if (String(s.id) === seatId) found = s.status;
    for (const a of [...(area.areas ?? []), ...(area.childPlans ?? [])]) walk(a);
  };
  for (const a of detail.areas ?? []) walk(a);
  return found;
}
