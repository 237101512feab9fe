// Drives the add-in's custom functions as Excel's calculation pass does: every XS_ cell of
// a workbook is called in the same tick through the generated functions.js, against a
// real service.  Counts the HTTP requests and times the pass; a second pass right after
// shows the cache.  Usage: node drive_functions.js CALLS.json OUT.json (env: XLSRC_URL,
// XLSRC_TOKEN, XLSRC_FUNCTIONS_JS).  Not a test file itself (test_custom_functions.py runs it).
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const [callsPath, outPath] = process.argv.slice(2);
const associated = new Map();
class CFError {
  constructor(code, message) {
    this.code = code;
    this.message = message;
  }
}
globalThis.CustomFunctions = {
  ErrorCode: {
    invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!",
    nullReference: "#NULL!", invalidName: "#NAME?", invalidReference: "#REF!",
  },
  Error: CFError,
  associate: (id, fn) => associated.set(id, fn),
};
const store = new Map([["xlsrc.token", process.env.XLSRC_TOKEN]]);
globalThis.localStorage = { getItem: (k) => store.get(k) || null, setItem: (k, v) => store.set(k, v), removeItem: (k) => store.delete(k) };
const src = path.join(__dirname, "..", "src");
for (const name of ["errors.js", "api.js", "batch.js"]) require(path.join(src, name));
require(process.env.XLSRC_FUNCTIONS_JS);
const { api } = globalThis.xlsrc;
api.config.sso = false;
api.config.serviceUrl = process.env.XLSRC_URL;
let requests = 0;
api.config.fetch = (url, init) => {
  requests += 1;
  return fetch(url, init);
};

const plain = (v) => (v instanceof CFError ? { error: v.code, message: v.message || "" } : Array.isArray(v) ? v.map(plain) : v);

async function pass(calls) {
  const before = requests;
  const started = process.hrtime.bigint();
  const invocation = {};
  const arity = new Map(globalThis.xlsrc.registry.functions.map((f) => [f.id, f.arity]));
  // Excel passes every declared parameter (an omitted optional one as null), then the invocation.
  const padded = (c) => [...c.args, ...Array(arity.get(c.function) - c.args.length).fill(null)];
  const pending = calls.map((c) => associated.get(c.function)(...padded(c), invocation));
  const settled = await Promise.allSettled(pending);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const results = settled.map((s) => plain(s.status === "fulfilled" ? s.value : s.reason));
  return { results, requests: requests - before, ms };
}

(async () => {
  const calls = JSON.parse(fs.readFileSync(callsPath, "utf-8"));
  const first = await pass(calls);
  const second = await pass(calls);
  fs.writeFileSync(outPath, JSON.stringify({ first, second: { requests: second.requests, ms: second.ms } }));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
