// Test support: Office.js, Excel and CustomFunctions mocks (office-addin-mock), a fake
// service (fetch), the generated functions.js and the Python-made fixtures.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { OfficeMockObject } = require("office-addin-mock");

const SRC = path.join(__dirname, "..", "src");
const FIXTURES = process.env.XLSRC_FIXTURES || "";

class CustomFunctionsError {
  constructor(code, message) {
    this.code = code;
    this.message = message;
  }
}

function installCustomFunctions() {
  const associated = new Map();
  globalThis.CustomFunctions = {
    ErrorCode: {
      invalidValue: "#VALUE!",
      notAvailable: "#N/A",
      divisionByZero: "#DIV/0!",
      invalidNumber: "#NUM!",
      nullReference: "#NULL!",
      invalidName: "#NAME?",
      invalidReference: "#REF!",
    },
    Error: CustomFunctionsError,
    associate: (id, fn) => associated.set(id, fn),
  };
  return associated;
}

function installStorage(token) {
  const store = new Map(token ? [["xlsrc.token", token]] : []);
  globalThis.localStorage = {
    getItem: (k) => (store.has(k) ? store.get(k) : null),
    setItem: (k, v) => store.set(k, v),
    removeItem: (k) => store.delete(k),
  };
}

// Load the add-in's scripts in the task pane's order, with the generated functions.js.
function loadAddin() {
  const associated = installCustomFunctions();
  installStorage("testitunnus");
  for (const name of ["errors.js", "api.js", "batch.js"]) require(path.join(SRC, name));
  if (FIXTURES) require(path.join(FIXTURES, "functions.js"));
  for (const name of ["workbook.js", "commands.js"]) require(path.join(SRC, name));
  globalThis.xlsrc.api.config.sso = false;
  globalThis.xlsrc.api.config.serviceUrl = "https://xlsrc.test";
  return { xlsrc: globalThis.xlsrc, associated };
}

function fixtures() {
  if (!FIXTURES) throw new Error("XLSRC_FIXTURES is not set: run through pytest tests/officejs/test_js.py");
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, "fixtures.json"), "utf-8"));
}

// A fake service: answers by path, records every request.
function fakeService(routes) {
  const requests = [];
  const fetch = async (url, init) => {
    const { pathname, search } = new URL(url);
    requests.push({ url, path: pathname + search, init });
    const route = routes[pathname + search] || routes[pathname];
    if (!route) return new Response(JSON.stringify({ detail: `no route ${pathname}` }), { status: 404 });
    return route(init);
  };
  globalThis.xlsrc.api.config.fetch = fetch;
  return requests;
}

// A workbook of Office.js objects whose writes are recorded per sheet and address.
function mockExcel(sheetNames) {
  const state = { sheets: [...sheetNames], writes: {}, inserted: [], calculations: [], active: null };
  function cell(sheet, address) {
    const sheetWrites = (state.writes[sheet] = state.writes[sheet] || {});
    const rec = (sheetWrites[address] = sheetWrites[address] || {});
    const range = { format: { font: {}, fill: {} } };
    Object.defineProperty(range, "values", { set: (v) => (rec.values = v), get: () => rec.values });
    Object.defineProperty(range, "hyperlink", { set: (v) => (rec.hyperlink = v) });
    Object.defineProperty(range.format.font, "bold", { set: (v) => (rec.bold = v) });
    Object.defineProperty(range.format.fill, "color", { set: (v) => (rec.fill = v) });
    return range;
  }
  function sheet(name) {
    return {
      name,
      isNullObject: !state.sheets.includes(name),
      getRange: (address) => cell(name, address),
      activate: () => (state.active = name),
      delete: () => {
        state.sheets = state.sheets.filter((n) => n !== name);
        delete state.writes[name];
      },
    };
  }
  const worksheets = {
    items: [],
    load() {
      this.items = state.sheets.map((n) => ({ name: n }));
    },
    getItem: (name) => {
      if (!state.sheets.includes(name)) throw new Error(`ItemNotFound: ${name}`);
      return sheet(name);
    },
    getItemOrNullObject: (name) => sheet(name),
    add: (name) => {
      state.sheets.push(name);
      return sheet(name);
    },
  };
  const context = new OfficeMockObject({
    workbook: {
      insertWorksheetsFromBase64: (base64, options) => {
        state.inserted.push({ base64, options });
        state.sheets.push(...options.sheetNamesToInsert);
      },
      application: { calculate: (type) => state.calculations.push(type) },
    },
  });
  context.workbook.worksheets = worksheets;
  globalThis.Excel = {
    run: async (callback) => callback(context),
    CalculationType: { full: "Full", recalculate: "Recalculate" },
    WorksheetPositionType: { end: "End" },
  };
  return state;
}

// Office.context.document.getFileAsync giving `bytes` in two slices.
function mockOffice(bytes) {
  const half = Math.ceil(bytes.length / 2);
  const slices = [bytes.subarray(0, half), bytes.subarray(half)];
  const calls = { closed: 0, taskpane: 0, associated: new Map() };
  // Enumerations are plain values in Office.js (no load/sync); the document is a mock object.
  globalThis.Office = {
    FileType: { Compressed: "compressed" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    context: {
      document: new OfficeMockObject({
        getFileAsync: (type, options, callback) => {
          const file = {
            sliceCount: slices.length,
            getSliceAsync: (i, cb) => cb({ status: "succeeded", value: { data: Array.from(slices[i]) } }),
            closeAsync: () => (calls.closed += 1),
          };
          callback(type === "compressed" ? { status: "succeeded", value: file } : { status: "failed", error: { message: type } });
        },
      }),
    },
    addin: { showAsTaskpane: async () => (calls.taskpane += 1) },
    actions: { associate: (name, fn) => calls.associated.set(name, fn) },
  };
  return calls;
}

module.exports = { loadAddin, fixtures, fakeService, mockExcel, mockOffice, CustomFunctionsError, installCustomFunctions };
