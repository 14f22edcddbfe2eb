/*!
 * seatmap loader: defines the <seat-map> custom element.
 *
 *   <script src="https://cdn.example/seatmap/seatmap.js" defer></script>
 *   <seat-map client-name="yourvenue" custom-domain="https://tickets.yourvenue.org"
 *             instance-id="..."></seat-map>
 *
 * The wasm module, its glue and the stylesheet are found next to this script,
 * wherever it is served from, so the built folder can be copied anywhere.
 */
(function () {
  'use strict';
  if (window.customElements.get('seat-map')) return;

  var script = document.currentScript;
  var base = new URL('.', (script && script.src) || document.baseURI);
  var ATTRIBUTES = [
    'client-name', 'custom-domain', 'instance-id', 'checkout-url', 'poll-interval',
    'max-tickets', 'allowed-counts', 'singles', 'together', 'locale', 'currency',
    'login-form', 'show-customer-name'
  ];
  var module = null;

  function loadModule() {
    if (!module) {
      module = import(new URL('seatmap-widget.js', base).href).then(function (m) {
        return m.default({ module_or_path: new URL('seatmap-widget_bg.wasm', base) }).then(function () { return m; });
      });
      module.catch(function (error) { console.error('seatmap: could not load the widget', error); });
    }
    return module;
  }

  function addStylesheet() {
    var href = new URL('seatmap.css', base).href;
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) if (links[i].href === href) return;
    var link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    document.head.appendChild(link);
  }

  class SeatMapElement extends HTMLElement {
    static get observedAttributes() { return ATTRIBUTES; }

    constructor() {
      super();
      this._handle = null;
      this._generation = 0;
      this._scheduled = false;
    }

    connectedCallback() { this._schedule(); }

    disconnectedCallback() {
      var self = this;
      // A move within the page disconnects and reconnects at once: keep it.
      queueMicrotask(function () { if (!self.isConnected) self._unmount(); });
    }

    attributeChangedCallback(name, oldValue, newValue) {
      if (oldValue !== newValue && this.isConnected) this._schedule();
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
      loadModule().then(function (m) {
        if (generation !== self._generation || !self.isConnected) return;
        self._unmount();
        self._handle = m.mount(self);
      }, function (error) {
        self.textContent = 'The seat map could not be loaded. Please reload the page.';
        self.dispatchEvent(new CustomEvent('seatmap:error', {
          bubbles: true, detail: { message: 'The seat map could not be loaded.', detail: String(error) }
        }));
      });
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

  addStylesheet();
  window.customElements.define('seat-map', SeatMapElement);
})();
