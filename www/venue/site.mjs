// The demo venue's own website ("www." beside the sandbox's "tickets."):
// it lists performances (fetched server-side, as Spektrix advises) and
// embeds the widget exactly as a theatre would: one script tag and one
// <seat-map> element. It also serves the built widget, and, on a second
// port, plays a CDN so the widget can be loaded from another origin.
//
//   node www/venue/site.mjs --port 8080 --cdn-port 8082 --api http://localhost:8081 --client demotheatre --dist dist \
//        [--shared-cache http://localhost:8083/seatmap-cache]
// --shared-cache gives every performance page's widget the shared cache
// (deploy/nginx/) for the anonymous reads; without it pages embed the widget
// as before. --cdn-nocors-port serves the same files from a CDN that sends no
// CORS headers (a misconfiguration the loader must explain).
//
// A performance page takes, for tests: widget attributes (PASSED below);
// `cdn` (the CDN's copy) or `cdn=nocors`; `theme=hostile` (a WordPress-like
// theme with a Tailwind-style reset, www/venue/hostile.css); and
// `csp=<policy>`, sent as the page's Content-Security-Policy header, with a
// nonce added to its script-src for the page's own inline script.
import crypto from 'node:crypto';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs, []));
const PORT = Number(args.port ?? 8080);
const CDN_PORT = Number(args['cdn-port'] ?? 8082);
const NOCORS_PORT = args['cdn-nocors-port'] ? Number(args['cdn-nocors-port']) : null;
const API = (args.api ?? 'http://localhost:8081').replace(/\/$/, '');
const CLIENT = args.client ?? 'demotheatre';
const DIST = path.resolve(args.dist ?? 'dist');
const HERE = path.dirname(new URL(import.meta.url).pathname);
const API_INTERNAL = (args['api-internal'] ?? API.replace('localhost', '127.0.0.1'));
const SHARED_CACHE = args['shared-cache']?.replace(/\/$/, '');

const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css',
  '.html': 'text/html; charset=utf-8', '.svg': 'image/svg+xml', '.json': 'application/json' };
// Attributes a page may set through the query string (tests and the demo use them).
const PASSED = ['checkout-url', 'poll-interval', 'max-tickets', 'allowed-counts', 'singles', 'together', 'locale',
  'currency', 'login-form', 'show-customer-name', 'client-name', 'custom-domain', 'shared-cache', 'checkout-origins',
  'color-scheme', 'fallback-url', 'basket-timeout'];

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

async function performances() {
  const base = `${API_INTERNAL}/${CLIENT}/api/v3/`;
  const events = await (await fetch(base + 'events')).json();
  const out = [];
  for (const event of events) {
    const instances = await (await fetch(base + `events/${encodeURIComponent(event.id)}/instances`)).json();
    for (const instance of instances) out.push({ event, instance });
  }
  return out;
}

function sendFile(res, file, extraHeaders = {}) {
  fs.readFile(file, (err, data) => {
    if (err) { res.writeHead(404, { 'content-type': 'text/plain' }); res.end('not found'); return; }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-length': data.length,
      'cache-control': 'no-cache', ...extraHeaders });
    res.end(data);
  });
}

function safeJoin(root, rel) {
  const file = path.resolve(root, '.' + path.posix.normalize('/' + decodeURIComponent(rel)));
  return file.startsWith(root) ? file : null;
}

function layout(title, body, head = '') {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} — The Riverside Theatre</title><link rel="stylesheet" href="/venue.css">${head}</head>
<body><header class="site"><a href="/" class="brand">The Riverside Theatre</a><nav><a href="/">What's on</a></nav></header><main>${body}</main></body></html>`;
}

async function home(res) {
  let list;
  try { list = await performances(); } catch (e) {
    res.writeHead(502, { 'content-type': 'text/html; charset=utf-8' });
    res.end(layout('Box office unavailable', `<p>The box office (${escape(API)}) is not answering: ${escape(e.message)}</p>`));
    return;
  }
  const items = list.map(({ event, instance }) => `<li><a href="/performance/${encodeURIComponent(instance.id)}">${escape(event.name)}</a>
    <span>${escape(instance.start ?? '')}</span></li>`).join('');
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(layout("What's on", `<h1>What's on</h1><ul class="listing" data-testid="listing">${items}</ul>`));
}

async function performance(res, instanceId, query) {
  let list = [];
  try { list = await performances(); } catch { /* the widget will say what is wrong */ }
  const here = list.find((p) => p.instance.id === instanceId);
  const attrs = { 'client-name': CLIENT, 'custom-domain': API, 'instance-id': instanceId, 'checkout-url': '/checkout' };
  if (SHARED_CACHE) attrs['shared-cache'] = SHARED_CACHE;
  for (const name of PASSED) if (query.has(name)) attrs[name] = query.get(name);
  const attrText = Object.entries(attrs).map(([k, v]) => v === '' ? ` ${k}` : ` ${k}="${escape(v)}"`).join('');
  const cdnPort = query.get('cdn') === 'nocors' ? NOCORS_PORT : CDN_PORT;
  const scriptSrc = query.has('cdn') ? `http://localhost:${cdnPort}/assets/seatmap/seatmap.js` : '/seatmap/seatmap.js';
  const nonce = crypto.randomBytes(12).toString('base64');
  const headers = { 'content-type': 'text/html; charset=utf-8' };
  if (query.has('csp')) headers['content-security-policy'] = withNonce(query.get('csp'), nonce);
  const head = query.get('theme') === 'hostile' ? '<link rel="stylesheet" href="/hostile.css">' : '';
  const others = list.map(({ event, instance }) => `<option value="${escape(instance.id)}"${instance.id === instanceId ? ' selected' : ''}>${escape(event.name)} — ${escape(instance.start ?? '')}</option>`).join('');
  const iframe = query.has('iframe')
    ? `<section class="account"><h2>Your account</h2><iframe id="login-frame" title="Log in" src="${escape(API)}/${escape(CLIENT)}/website/secure/loginlogout.aspx"></iframe></section>` : '';
  const body = `<h1>${escape(here?.event.name ?? 'Performance')}</h1>
<p class="when">${escape(here?.instance.start ?? '')} · <label>Another date: <select id="switch" data-testid="switch">${others}</select></label></p>
${iframe}
<!-- The embed: one script tag and one element. -->
<script src="${escape(scriptSrc)}" defer></script>
<seat-map id="seatmap"${attrText}></seat-map>
<details class="events"><summary>Widget events</summary><ol id="event-log" data-testid="event-log"></ol></details>
<script nonce="${nonce}">
  const map = document.getElementById('seatmap');
  const log = document.getElementById('event-log');
  window.seatmapEvents = [];
  for (const name of ['seatmap:ready', 'seatmap:selectionchange', 'seatmap:basketchange', 'seatmap:error']) {
    map.addEventListener(name, (e) => {
      window.seatmapEvents.push({ type: name, detail: e.detail });
      const li = document.createElement('li');
      li.textContent = name + ' ' + JSON.stringify(e.detail);
      log.prepend(li);
    });
  }
  document.getElementById('switch').addEventListener('change', (e) => map.setAttribute('instance-id', e.target.value));
</script>`;
  res.writeHead(200, headers);
  res.end(layout(here?.event.name ?? 'Performance', body, head));
}

/** The policy with the page's nonce added to script-src (or to default-src when there is none). */
function withNonce(policy, nonce) {
  const directives = policy.split(';').map((d) => d.trim()).filter(Boolean);
  const at = directives.findIndex((d) => d.startsWith('script-src '));
  const target = at >= 0 ? at : directives.findIndex((d) => d.startsWith('default-src '));
  if (target >= 0) directives[target] += ` 'nonce-${nonce}'`;
  return directives.join('; ');
}

const site = http.createServer(async (req, res) => {
  const url = new URL(req.url, `http://localhost:${PORT}`);
  try {
    if (url.pathname === '/') return await home(res);
    if (url.pathname.startsWith('/performance/')) return await performance(res, decodeURIComponent(url.pathname.slice(13)), url.searchParams);
    if (url.pathname === '/venue.css') return sendFile(res, path.join(HERE, 'venue.css'));
    if (url.pathname === '/hostile.css') return sendFile(res, path.join(HERE, 'hostile.css'));
    if (url.pathname === '/checkout') { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); return res.end(layout('Checkout', '<h1>Checkout</h1><p>Here the venue shows Spektrix\'s checkout.</p>')); }
    if (url.pathname.startsWith('/seatmap/')) {
      const file = safeJoin(DIST, url.pathname.slice('/seatmap/'.length));
      return file ? sendFile(res, file) : res.writeHead(404).end();
    }
    res.writeHead(404, { 'content-type': 'text/plain' }); res.end('not found');
  } catch (e) {
    res.writeHead(500, { 'content-type': 'text/plain' }); res.end(String(e));
  }
});

// A CDN on another origin: the same built files, with CORS for any page
// (or, on the no-CORS port, without: the module and the wasm can't be read).
const cdnServer = (port, headers) => http.createServer((req, res) => {
  const url = new URL(req.url, `http://localhost:${port}`);
  const file = url.pathname.startsWith('/assets/seatmap/') ? safeJoin(DIST, url.pathname.slice('/assets/seatmap/'.length)) : null;
  if (!file) { res.writeHead(404).end(); return; }
  sendFile(res, file, headers);
});
const listen = (server, port) => new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));

await listen(site, PORT);
await listen(cdnServer(CDN_PORT, { 'access-control-allow-origin': '*' }), CDN_PORT);
if (NOCORS_PORT) await listen(cdnServer(NOCORS_PORT, {}), NOCORS_PORT);
console.log(`venue site on http://localhost:${PORT}/ (widget CDN on http://localhost:${CDN_PORT}/assets/seatmap/)`);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
