// A page-level Office.js mock for the task pane in headless Chromium (injected by the test
// before the page's own scripts; Microsoft's office.js itself is blocked).  It gives the
// workbook file the test chose (__XLSRC_FILE__, base64) and records every write the
// commands make in window.__xlsrcWrites.
(function () {
  "use strict";
  const file = Uint8Array.from(atob("__XLSRC_FILE__"), (c) => c.charCodeAt(0));
  const sheets = __XLSRC_SHEETS__;
  const writes = (window.__xlsrcWrites = { cells: {}, inserted: [], calculations: [] });
  localStorage.setItem("xlsrc.token", "__XLSRC_TOKEN__");

  function range(sheet, address) {
    const rec = ((writes.cells[sheet] = writes.cells[sheet] || {})[address] = {});
    const r = { format: { font: {}, fill: {} } };
    Object.defineProperty(r, "values", { set: (v) => (rec.values = v) });
    Object.defineProperty(r, "hyperlink", { set: (v) => (rec.link = v.documentReference) });
    Object.defineProperty(r.format.font, "bold", { set: (v) => (rec.bold = v) });
    Object.defineProperty(r.format.fill, "color", { set: (v) => (rec.fill = v) });
    return r;
  }
  function sheet(name) {
    return {
      name, isNullObject: !sheets.includes(name), getRange: (a) => range(name, a),
      activate: () => (writes.active = name), delete: () => {},
    };
  }
  const context = {
    sync: async () => {},
    workbook: {
      worksheets: {
        items: [], load() { this.items = sheets.map((name) => ({ name })); },
        getItem: sheet, getItemOrNullObject: sheet, add: (name) => { sheets.push(name); return sheet(name); },
      },
      insertWorksheetsFromBase64: (b64, options) => writes.inserted.push(options.sheetNamesToInsert),
      application: { calculate: (type) => writes.calculations.push(type) },
    },
  };
  window.Excel = {
    run: async (callback) => callback(context),
    CalculationType: { full: "Full" }, WorksheetPositionType: { end: "End" },
  };
  window.Office = {
    onReady: (callback) => setTimeout(() => callback({ host: "Excel" }), 0),
    FileType: { Compressed: "compressed" }, AsyncResultStatus: { Succeeded: "succeeded" },
    context: {
      document: {
        getFileAsync: (type, options, callback) => callback({
          status: "succeeded",
          value: {
            sliceCount: 1, closeAsync: () => {},
            getSliceAsync: (i, cb) => cb({ status: "succeeded", value: { data: Array.from(file) } }),
          },
        }),
      },
    },
    addin: { showAsTaskpane: async () => {} },
    actions: { associate: () => {} },
  };
  window.CustomFunctions = {
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
    Error: class { constructor(code, message) { this.code = code; this.message = message; } },
    associate: () => {},
  };
})();
