/*!
 * seatmap loader: defines the <seat-map> custom element.
 *
 *   <script src="https://cdn.example/seatmap/seatmap.js" defer></script>
 *   <seat-map client-name="yourvenue" custom-domain="https://tickets.yourvenue.org"
 *             instance-id="..."></seat-map>
 *
 * The wasm module, its glue and the stylesheet are found next to this script,
 * wherever it is served from (another origin must send CORS headers: see
 * "Hosting the files" in the README).
 *
 * Each element gets an open shadow root holding a <link> to seatmap.css (so a
 * Content-Security-Policy needs only `style-src <cdn>`; nothing here creates
 * a <style> element or a style attribute) and, until the widget is ready, a
 * placeholder of the map's final height with download progress. The widget
 * renders into a container of its own inside the shadow root.
 */
(function () {
  'use strict';
  if (window.customElements.get('seat-map')) return;

  var script = document.currentScript;
  var base = new URL('.', (script && script.src) || document.baseURI);
  var FILES = {
    glue: new URL('seatmap-widget.js', base).href,
    wasm: new URL('seatmap-widget_bg.wasm', base).href,
    css: new URL('seatmap.css', base).href
  };
  // Attributes the widget reads (core/src/config.rs); a change remounts it.
  var ATTRIBUTES = [
    'client-name', 'custom-domain', 'instance-id', 'checkout-url', 'checkout-origins', 'poll-interval',
    'max-tickets', 'allowed-counts', 'singles', 'together', 'locale', 'currency', 'login-form',
    'show-customer-name', 'shared-cache', 'basket-timeout', 'color-scheme'
  ];
  // The stylesheet follows these by itself (`:host([color-scheme=…])`):
  // changing between valid values needs no remount, which would lose the buyer's choice.
  var SCHEMES = /^(|light|dark|auto)$/i;
  var UNAVAILABLE = "The seat map can't be shown on this page right now.";
  // The map's height plus the status line above it; seatmap.css reserves the
  // same while the widget loads (`--sm-reserved-height`).
  var RESERVED_HEIGHT = 'calc(1.6em + max(var(--seatmap-map-height, 70vh), 320px) + 2px)';

  // Content-Security-Policy violations, to say which directive to add when
  // a file is blocked. Listened for from the start: they arrive as events.
  var violations = [];
  var violationWatchers = [];
  document.addEventListener('securitypolicyviolation', function (event) {
    var violation = { blocked: event.blockedURI, directive: event.effectiveDirective || event.violatedDirective };
    violations.push(violation);
    violationWatchers.slice().forEach(function (watch) { watch(violation); });
  });

  // ---- Loading the module (once per page) ----

  var progress = { loaded: 0, total: 0, done: false };
  var progressWatchers = [];
  var module = null;

  function reportProgress() {
    progressWatchers.slice().forEach(function (watch) { watch(progress); });
  }

  /** A failure to load one file, with what the console and the buyer are told. */
  function LoadFailure(file, url, cause) {
    this.file = file;
    this.url = url;
    this.cause = cause;
    this.explanation = null;
  }

  // Downloads the wasm, counting bytes as they stream into the compiler.
  function fetchWasm() {
    return fetch(FILES.wasm).then(function (response) {
      if (!response.ok) {
        var failure = new LoadFailure('wasm', FILES.wasm, new Error('HTTP ' + response.status));
        failure.status = response.status;
        throw failure;
      }
      var length = Number(response.headers.get('content-length'));
      progress.total = length > 0 ? length : 0;
      reportProgress();
      if (!response.body || typeof ReadableStream !== 'function') return response;
      var reader = response.body.getReader();
      var counted = new ReadableStream({
        pull: function (controller) {
          return reader.read().then(function (chunk) {
            if (chunk.done) {
              progress.done = true;
              reportProgress();
              controller.close();
              return;
            }
            progress.loaded += chunk.value.byteLength;
            reportProgress();
            controller.enqueue(chunk.value);
          });
        },
        cancel: function (reason) { return reader.cancel(reason); }
      });
      // Served as wasm whatever the server said, so the browser compiles while it downloads.
      return new Response(counted, { headers: { 'content-type': 'application/wasm' } });
    }, function (error) {
      throw new LoadFailure('wasm', FILES.wasm, error);
    });
  }

  function loadModule() {
    if (!module) {
      var wasm = fetchWasm();
      // Explained on its own: when the glue is blocked too, the console names both fixes at once.
      wasm.catch(explain);
      module = import(FILES.glue).catch(function (error) {
        throw new LoadFailure('glue', FILES.glue, error);
      }).then(function (m) {
        return m.default({ module_or_path: wasm }).then(function () { return m; }, function (error) {
          throw error instanceof LoadFailure ? error : new LoadFailure('compile', FILES.wasm, error);
        });
      }).catch(function (failure) {
        if (!(failure instanceof LoadFailure)) failure = new LoadFailure('glue', FILES.glue, failure);
        return explain(failure).then(function () { throw failure; });
      });
    }
    return module;
  }

  // ---- Saying what went wrong ----

  function originOf(url) {
    try { return new URL(url).origin; } catch (e) { return url; }
  }

  /** A violation that blocked `url` (or, for `'wasm-eval'`, compiling wasm), waiting up to `ms` for it. */
  function violationFor(matches, ms) {
    var found = violations.filter(function (v) { return matches(v); })[0];
    if (found) return Promise.resolve(found);
    return new Promise(function (resolve) {
      function watch(v) { if (matches(v)) finish(v); }
      function finish(v) {
        clearTimeout(timer);
        violationWatchers.splice(violationWatchers.indexOf(watch), 1);
        resolve(v);
      }
      // Violation events are queued as tasks: usually they arrive with the failure or just before.
      var timer = setTimeout(function () { finish(null); }, ms);
      violationWatchers.push(watch);
    });
  }

  function directiveName(directive) {
    // script-src-elem and style-src-elem fall back to script-src and style-src, which venues usually set.
    return String(directive || '').replace(/-elem$/, '');
  }

  function cspAdvice(violation, url) {
    if (violation.blocked === 'wasm-eval' || violation.blocked === 'eval') {
      return "the page's Content-Security-Policy does not allow WebAssembly: add 'wasm-unsafe-eval' to script-src.";
    }
    return "the page's Content-Security-Policy blocked " + url + ': add ' + originOf(url) + ' to ' +
      directiveName(violation.directive) + '.';
  }

  // A cross-origin module or fetch fails without a word when the CDN sends
  // no CORS header: ask again in a way that shows whether the file is there.
  function probeCors(url) {
    return fetch(url, { mode: 'cors', cache: 'no-store' }).then(function (response) {
      if (!response.ok) return url + ' answered HTTP ' + response.status + ': copy the whole built folder next to seatmap.js.';
      var type = response.headers.get('content-type') || '(none)';
      if (/\.js$/.test(url) && !/javascript|ecmascript/i.test(type)) {
        return url + ' is served as ' + type + '; a module script must be served as text/javascript.';
      }
      return null;
    }, function () {
      return fetch(url, { mode: 'no-cors', cache: 'no-store' }).then(function () {
        return url + " can't be read from this page: the CDN must send Access-Control-Allow-Origin" +
          ' (e.g. "Access-Control-Allow-Origin: *") with the widget\'s files, or serve them from this page\'s origin.';
      }, function () { return null; });
    });
  }

  /** Logs, once per failure, what the venue's developer should change; resolves when done. */
  function explain(failure) {
    if (!failure.explained) failure.explained = diagnose(failure);
    return failure.explained;
  }

  function diagnose(failure) {
    var url = failure.url;
    var matches = failure.file === 'compile'
      ? function (v) { return v.blocked === 'wasm-eval' || v.blocked === 'eval'; }
      : function (v) { return v.blocked === url || v.blocked === originOf(url); };
    return violationFor(matches, 300).then(function (violation) {
      if (violation) return cspAdvice(violation, url);
      if (failure.status) return url + ' answered HTTP ' + failure.status + ': copy the whole built folder next to seatmap.js.';
      if (failure.file === 'compile') return 'the WebAssembly module could not be compiled (' + failure.cause + ').';
      return probeCors(url).then(function (advice) {
        return advice || 'could not download ' + url + ' (' + failure.cause + ').';
      });
    }).then(function (advice) {
      failure.explanation = 'seatmap: ' + advice;
      console.error(failure.explanation, failure.cause);
    });
  }

  // ---- The element ----

  function element(tag, className, parent) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (parent) parent.appendChild(el);
    return el;
  }

  /** The venue's own booking page, if `fallback-url` names one on a site the widget may send buyers to. */
  function fallbackUrl(host) {
    var raw = host.getAttribute('fallback-url');
    if (!raw) return null;
    var url;
    try { url = new URL(raw, document.baseURI); } catch (e) { url = null; }
    var allowed = [location.origin];
    var domain = host.getAttribute('custom-domain');
    if (domain) allowed.push(originOf(domain));
    (host.getAttribute('checkout-origins') || '').split(/[\s,]+/).forEach(function (o) { if (o) allowed.push(originOf(o)); });
    if (url && /^https?:$/.test(url.protocol) && allowed.indexOf(url.origin) >= 0) return url.href;
    console.error('seatmap: fallback-url "' + raw + '" must be a web address on this site, on custom-domain or on an origin in checkout-origins.');
    return null;
  }

  class SeatMapElement extends HTMLElement {
    static get observedAttributes() { return ATTRIBUTES; }

    constructor() {
      super();
      this._handle = null;
      this._generation = 0;
      this._scheduled = false;
      this._failed = false;
      var shadow = this.shadowRoot || this.attachShadow({ mode: 'open' });
      var link = element('link');
      link.rel = 'stylesheet';
      link.href = FILES.css;
      this._stylesheet = new Promise(function (resolve, reject) {
        link.addEventListener('load', resolve);
        link.addEventListener('error', function (error) { reject(new LoadFailure('css', FILES.css, error)); });
      });
      this._stylesheet.catch(function () { /* reported when mounting */ });
      shadow.appendChild(link);
      var placeholder = this._placeholder = this._makePlaceholder();
      shadow.appendChild(placeholder.root);
      this._stylesheet.then(placeholder.fill, function () { /* the failure message replaces it */ });
    }

    connectedCallback() { this._schedule(); }

    disconnectedCallback() {
      var self = this;
      // A move within the page disconnects and reconnects at once: keep it.
      queueMicrotask(function () { if (!self.isConnected) self._unmount(); });
    }

    attributeChangedCallback(name, oldValue, newValue) {
      if (oldValue === newValue || !this.isConnected) return;
      if (name === 'color-scheme' && SCHEMES.test(oldValue || '') && SCHEMES.test(newValue || '')) return;
      this._schedule();
    }

    /** Re-check who is logged in (after the page's own login changed it). */
    refreshCustomer() { if (this._handle) this._handle.refreshCustomer(); }

    /** Re-read seat availability now. */
    refresh() { if (this._handle) this._handle.refresh(); }

    /**
     * Record what the venue's API answers, for checking the widget against it
     * locally (docs/capture.md). Resolves to the capture's JSON text;
     * `{download: true}` also saves it as a file.
     */
    capture(options) {
      if (!this._handle) return Promise.reject(new Error('seatmap: the map is not loaded yet'));
      return this._handle.capture(!!(options && options.download));
    }

    // The map's place, reserved at once: the same height as the map will
    // have, so nothing on the page moves when it appears.
    _makePlaceholder() {
      var root = element('div', 'seatmap seatmap-placeholder');
      root.setAttribute('part', 'placeholder');
      root.setAttribute('data-testid', 'placeholder');
      // Through the CSSOM (allowed by a strict CSP), for the moment before seatmap.css arrives.
      root.style.setProperty('display', 'block');
      root.style.setProperty('min-height', RESERVED_HEIGHT);
      root.style.setProperty('font-size', '15px');
      var bar = null;
      var percent = null;
      function show(p) {
        if (!bar) return;
        // Content-Length counts compressed bytes: past it, only say it is still coming.
        if (p.total > 0 && p.loaded <= p.total) {
          var value = p.done ? 100 : Math.min(99, Math.floor(100 * p.loaded / p.total));
          bar.value = value;
          percent.textContent = value + '%';
        } else {
          bar.removeAttribute('value');
          percent.textContent = '';
        }
      }
      // The inside is laid out by seatmap.css: it is added once that has
      // loaded, so nothing inside moves when the stylesheet arrives.
      function fill() {
        if (!root.parentNode) return;
        element('div', 'seatmap-status', root);
        var stage = element('div', 'seatmap-stage seatmap-progress', element('div', 'seatmap-body', element('div', 'seatmap-main', root)));
        stage.setAttribute('part', 'map');
        var text = element('p', 'seatmap-progress-text', stage);
        text.setAttribute('role', 'status');
        text.textContent = 'Loading the seat map…';
        bar = element('progress', 'seatmap-progress-bar', stage);
        bar.max = 100;
        bar.setAttribute('aria-label', 'Loading the seat map');
        percent = element('span', 'seatmap-progress-percent', stage);
        percent.setAttribute('aria-hidden', 'true');
        percent.setAttribute('data-testid', 'progress');
        show(progress);
      }
      progressWatchers.push(show);
      return {
        root: root,
        fill: fill,
        remove: function () {
          var at = progressWatchers.indexOf(show);
          if (at >= 0) progressWatchers.splice(at, 1);
          root.remove();
        }
      };
    }

    _schedule() {
      if (this._scheduled) return;
      this._scheduled = true;
      var self = this;
      // Several attribute changes in one task mount once.
      queueMicrotask(function () { self._scheduled = false; self._mount(); });
    }

    _mount() {
      var self = this;
      var generation = ++this._generation;
      Promise.all([loadModule(), this._stylesheet.catch(function (failure) {
        return explain(failure).then(function () { throw failure; });
      })]).then(function (loaded) {
        if (generation !== self._generation || !self.isConnected) return;
        self._unmount();
        if (self._placeholder) { self._placeholder.remove(); self._placeholder = null; }
        self._handle = loaded[0].mount(self);
      }).catch(function (failure) {
        if (generation !== self._generation || !self.isConnected || self._failed) return;
        self._fail(failure);
      });
    }

    // The files could not be loaded: a reload would meet the same page, so the
    // buyer is told plainly (with the venue's booking page, if it gave one);
    // the console has said what to fix.
    _fail(failure) {
      this._failed = true;
      if (this._placeholder) { this._placeholder.remove(); this._placeholder = null; }
      var box = element('div', 'seatmap seatmap-unavailable');
      box.setAttribute('role', 'alert');
      box.setAttribute('part', 'unavailable');
      box.setAttribute('data-testid', 'unavailable');
      element('p', null, box).textContent = UNAVAILABLE;
      var fallback = fallbackUrl(this);
      if (fallback) {
        var link = element('a', 'seatmap-primary', element('p', null, box));
        link.href = fallback;
        link.setAttribute('part', 'button primary-button');
        link.setAttribute('data-testid', 'fallback-link');
        link.textContent = 'Choose seats on our booking page';
      }
      this.shadowRoot.appendChild(box);
      if (!(failure instanceof LoadFailure)) console.error('seatmap: the widget could not start.', failure);
      var detail = failure instanceof LoadFailure ? failure.explanation || String(failure.cause) : String(failure);
      this.dispatchEvent(new CustomEvent('seatmap:error', {
        bubbles: true, composed: true, detail: { message: UNAVAILABLE, detail: detail, status: null }
      }));
    }

    _unmount() {
      if (this._handle) {
        var handle = this._handle;
        this._handle = null;
        handle.destroy();
        handle.free();
      }
    }
  }

  window.customElements.define('seat-map', SeatMapElement);
})();
