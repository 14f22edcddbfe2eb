// Renders the venue's nginx files (seatmap-cache.conf and
// seatmap-cache-locations.conf) plus the nginx.conf.template wrapper into a
// prefix folder, for the demo, the e2e tests and the on-sale bench. The venue
// files are used as shipped, with only their "VENUE:" example values replaced
// (the custom domain by the sandbox, the page origin by the test page's, the
// cache folder by one inside the prefix), so what is tested is what a venue
// deploys. A value that is no longer found in a file is an error, not a
// silently different config.
//
// As a program:
//   node deploy/nginx/render.mjs --prefix DIR --port 8083 --upstream http://127.0.0.1:8081 \
//        --origin http://localhost:8080 [--origin ...] [--workers 1]
// prints the nginx command line that runs it in the foreground.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const NGINX_BIN = '/usr/sbin/nginx';
/** The base path the venue files serve the cache under. */
export const CACHE_BASE_PATH = '/seatmap-cache';

/** Replaces `from` by `to` in `text`, insisting it occurs exactly `times` times. */
function replaceExactly(text, from, to, times, file) {
  const found = text.split(from).length - 1;
  if (found !== times) {
    throw new Error(`deploy/nginx/${file}: expected ${times} × ${JSON.stringify(from)}, found ${found}; update render.mjs with the file`);
  }
  return text.split(from).join(to);
}

function quoteForNginx(value) {
  if (!/^[A-Za-z0-9:/._\-[\]]+$/.test(value)) throw new Error(`refusing to put ${JSON.stringify(value)} into an nginx config`);
  return `"${value}"`;
}

/**
 * Writes nginx.conf and the two venue files into `prefix` (created if
 * needed). Returns the nginx arguments that start it in the foreground.
 */
export function renderNginxConfig({ prefix, port, upstream, origins, workers = 1 }) {
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`bad nginx port ${port}`);
  if (!/^https?:\/\/[^/]+$/.test(upstream)) throw new Error(`upstream must be an origin like http://127.0.0.1:8081, not ${upstream}`);
  if (!origins?.length) throw new Error('at least one page origin is needed for CORS');
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`bad worker count ${workers}`);
  prefix = path.resolve(prefix);
  fs.mkdirSync(path.join(prefix, 'temp'), { recursive: true });
  fs.mkdirSync(path.join(prefix, 'cache'), { recursive: true });
  // When started as root, nginx's workers run as "nobody": they must be able
  // to enter the prefix (mkdtemp makes it private) and every folder above it
  // to reach the cache, or every request fails with a bare 500.
  fs.chmodSync(prefix, 0o755);
  if (process.getuid?.() === 0) {
    for (let dir = path.dirname(prefix); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      if ((fs.statSync(dir).mode & 0o001) === 0) {
        throw new Error(`nginx's workers (user nobody) cannot enter ${dir} to reach ${prefix}: use a prefix outside it or chmod o+x it`);
      }
    }
  }

  const read = (name) => fs.readFileSync(path.join(HERE, name), 'utf8');
  let http = read('seatmap-cache.conf');
  http = replaceExactly(http, '/var/cache/nginx/seatmap ', `${path.join(prefix, 'cache')} `, 1, 'seatmap-cache.conf');
  http = replaceExactly(http, '"https://tickets.yourvenue.org"', quoteForNginx(upstream), 1, 'seatmap-cache.conf');
  http = replaceExactly(http, '    "https://www.yourvenue.org" $http_origin;',
    origins.map((o) => `    ${quoteForNginx(o)} $http_origin;`).join('\n'), 1, 'seatmap-cache.conf');
  const locations = read('seatmap-cache-locations.conf');
  // The locations file has no value to change for loopback: the upstream is
  // an address (the resolver stays unused) and the CA bundle goes unread for http.
  let main = read('nginx.conf.template');
  main = main.replaceAll('@PREFIX@', prefix).replaceAll('@PORT@', String(port)).replaceAll('@WORKERS@', String(workers));

  fs.writeFileSync(path.join(prefix, 'seatmap-cache.conf'), http);
  fs.writeFileSync(path.join(prefix, 'seatmap-cache-locations.conf'), locations);
  fs.writeFileSync(path.join(prefix, 'nginx.conf'), main);
  return ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-e', 'stderr', '-g', `daemon off; pid ${path.join(prefix, 'nginx.pid')};`];
}

function parseArgs(argv) {
  const options = { origins: [] };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${name} needs a value`);
    if (name === '--prefix') options.prefix = value;
    else if (name === '--port') options.port = Number(value);
    else if (name === '--upstream') options.upstream = value;
    else if (name === '--origin') options.origins.push(value);
    else if (name === '--workers') options.workers = Number(value);
    else throw new Error(`unknown option ${name}`);
  }
  if (!options.prefix) throw new Error('--prefix DIR is required');
  return options;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const args = renderNginxConfig(parseArgs(process.argv.slice(2)));
    // One argument per line: the shell reads them back with mapfile.
    process.stdout.write([NGINX_BIN, ...args].join('\n') + '\n');
  } catch (e) {
    console.error(`render.mjs: ${e.message}`);
    process.exit(2);
  }
}
