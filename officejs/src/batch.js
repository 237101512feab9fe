/*
 * Batching of custom-function calls (Microsoft's documented pattern for functions that
 * call a remote service).
 *
 * Excel calls a custom function once per cell in a calculation pass.  Each call is pushed
 * onto a queue; the first push schedules one flush after `delayMs`, and the flush sends
 * every queued call in one POST /api/functions/call.  The answer resolves each call's
 * promise with its own result.  On top of that:
 * - identical calls (same function, same arguments) in one pass share one entry;
 * - a short-lived cache keyed on the arguments answers a repeat within `cacheMs` without
 *   a request (Excel re-evaluates cells whose inputs did not change after a full recalc);
 * - a range argument travels as one matrix, so range forms stay one call per range;
 * - a queue longer than the service accepts (`maxCalls`) is sent in as few requests as fit.
 * A failed request rejects every call in it with #N/A and the service's reason; nothing
 * failed is cached.
 */
(function (root) {
  "use strict";
  const xlsrc = (root.xlsrc = root.xlsrc || {});
  const errors = xlsrc.errors || (typeof require === "function" ? require("./errors.js") : null);

  function createBatcher(options) {
    const send = options.send; // async (calls) => results, in the same order
    const delayMs = options.delayMs !== undefined ? options.delayMs : 100;
    const cacheMs = options.cacheMs !== undefined ? options.cacheMs : 5000;
    const maxCalls = options.maxCalls || 5000;
    const now = options.now || (() => Date.now());
    const setTimer = options.setTimer || ((fn, ms) => root.setTimeout(fn, ms));

    let queue = []; // {key, call, waiters: [{resolve, reject}]}
    let byKey = new Map();
    let scheduled = false;
    const cache = new Map(); // key -> {result, time}
    const stats = { requests: 0, calls: 0, cached: 0 };

    function settle(entry, result) {
      if (errors.isWireError(result)) {
        const error = errors.toExcelError(result);
        entry.waiters.forEach((w) => w.reject(error));
      } else {
        const value = errors.decodeResult(result);
        entry.waiters.forEach((w) => w.resolve(value));
      }
    }

    async function sendChunk(entries) {
      stats.requests += 1;
      let results;
      try {
        results = await send(entries.map((e) => e.call));
        if (!Array.isArray(results) || results.length !== entries.length) {
          throw new Error("xlsrc-palvelun vastaus ei vastaa pyyntöä (tulosten määrä)");
        }
      } catch (error) {
        const wire = { error: "#N/A", message: error.message || String(error) };
        entries.forEach((entry) => settle(entry, wire));
        return;
      }
      const time = now();
      entries.forEach((entry, i) => {
        cache.set(entry.key, { result: results[i], time });
        settle(entry, results[i]);
      });
    }

    function flush() {
      const entries = queue;
      queue = [];
      byKey = new Map();
      scheduled = false;
      const time = now();
      for (const [key, hit] of cache) if (time - hit.time >= cacheMs) cache.delete(key);
      const chunks = [];
      for (let i = 0; i < entries.length; i += maxCalls) chunks.push(entries.slice(i, i + maxCalls));
      return Promise.all(chunks.map(sendChunk));
    }

    function call(name, args) {
      const encoded = args.map(errors.encodeArg);
      const key = JSON.stringify([name, encoded]);
      stats.calls += 1;
      const hit = cache.get(key);
      if (hit && now() - hit.time < cacheMs) {
        stats.cached += 1;
        return new Promise((resolve, reject) => settle({ waiters: [{ resolve, reject }] }, hit.result));
      }
      return new Promise((resolve, reject) => {
        let entry = byKey.get(key);
        if (!entry) {
          entry = { key, call: { function: name, args: encoded }, waiters: [] };
          byKey.set(key, entry);
          queue.push(entry);
        }
        entry.waiters.push({ resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setTimer(flush, delayMs);
        }
      });
    }

    return { call, flush, stats, cache };
  }

  xlsrc.batch = { createBatcher };
  if (typeof module === "object" && module.exports) module.exports = xlsrc.batch;
})(typeof globalThis !== "undefined" ? globalThis : this);
