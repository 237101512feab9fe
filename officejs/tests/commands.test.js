// Every ribbon command against a mocked workbook with the demo tables writes the expected
// cells.  Expected values come from the Python library (fixtures made by test_js.py).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { loadAddin, fixtures, fakeService, mockExcel, mockOffice } = require("./support.js");

const { xlsrc, associated } = loadAddin();
const data = fixtures();
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const bytesOf = (b64) => Uint8Array.from(Buffer.from(b64, "base64"));
const BUDGET_SHEETS = data.validation.sheets;
const GOAL_SHEETS = data.status.sheets;

test("every registry function is associated with Excel", () => {
  const ids = xlsrc.registry.functions.map((f) => f.id);
  assert.deepEqual([...associated.keys()], ids);
  assert.ok(ids.includes("XS_BANDS"));
});

test("every ribbon command has an action and is associated", () => {
  const office = mockOffice(new Uint8Array([1]));
  xlsrc.commands.associateRibbon();
  for (const command of xlsrc.registry.commands) {
    assert.equal(typeof xlsrc.commands.ACTIONS[command.function], "function", command.function);
  }
  assert.deepEqual([...office.associated.keys()], xlsrc.registry.commands.map((c) => c.function));
});

test("validate sends the workbook and writes the Tarkistukset sheet with links and highlights", async () => {
  const v = data.validation;
  const input = bytesOf(v.workbook);
  const office = mockOffice(input);
  const excel = mockExcel(BUDGET_SHEETS);
  let uploaded = null;
  const requests = fakeService({
    "/api/validate": async (init) => {
      uploaded = new Uint8Array(await init.body.get("file").arrayBuffer());
      return new Response(JSON.stringify(v.findings), { headers: { "Content-Type": "application/json" } });
    },
  });
  const outcome = await xlsrc.commands.validate();
  assert.equal(requests[0].path, "/api/validate?format=json");
  assert.equal(requests[0].init.headers.Authorization, "Bearer testitunnus");
  assert.deepEqual(uploaded, input, "the whole file, both slices, in order");
  assert.equal(office.closed, 1);
  assert.equal(outcome.message, v.summary);
  const sheet = excel.writes["Tarkistukset"];
  const layout = xlsrc.registry.findings;
  assert.deepEqual(sheet["A1"].values, [[layout.title]]);
  assert.deepEqual(sheet["A2"].values, [[v.summary]]);
  assert.deepEqual(sheet["A3:H3"].values, [layout.headers]);
  v.rows.forEach((row, i) => {
    const r = layout.headerRow + 1 + i;
    assert.deepEqual(sheet[`A${r}:H${r}`].values, [row], `row ${r}`);
    assert.equal(sheet[`B${r}`].hyperlink.documentReference, v.links[i]);
  });
  const fills = {};
  for (const [name, cells] of Object.entries(excel.writes)) {
    for (const [address, rec] of Object.entries(cells)) if (rec.fill) fills[`'${name}'!${address}`.replace(/^'([^' ]+)'!/, "$1!")] = rec.fill;
  }
  const expected = {};
  for (const [key, colour] of Object.entries(v.highlights)) {
    const [name, address] = key.split("!");
    expected[`'${name}'!${address}`.replace(/^'([^' ]+)'!/, "$1!")] = colour;
  }
  assert.deepEqual(fills, expected);
  assert.equal(excel.active, "Tarkistukset");
});

test("status sheet inserts the quarter's new sheet from the service's workbook", async () => {
  const s = data.status;
  mockOffice(bytesOf(s.before));
  const excel = mockExcel(GOAL_SHEETS);
  const requests = fakeService({
    "/api/status-sheet": async () => new Response(bytesOf(s.after), { headers: { "Content-Type": XLSX } }),
  });
  const outcome = await xlsrc.commands.statusSheet("q3");
  assert.equal(requests[0].path, "/api/status-sheet?quarter=Q3&format=xlsx");
  assert.equal(excel.inserted.length, 1);
  assert.deepEqual(excel.inserted[0].options.sheetNamesToInsert, [s.sheet]);
  assert.equal(excel.inserted[0].base64, s.after);
  assert.equal(excel.active, s.sheet);
  assert.match(outcome.message, new RegExp(s.sheet));
});

test("a locked quarter stays locked: the service's reason is shown and nothing is written", async () => {
  const s = data.status;
  mockOffice(bytesOf(s.after));
  const excel = mockExcel([...GOAL_SHEETS, s.sheet]);
  fakeService({
    "/api/status-sheet": async () => new Response(JSON.stringify({ detail: s.locked }), { status: 409 }),
  });
  await assert.rejects(xlsrc.commands.statusSheet("Q3"), (e) => e.message === s.locked && e.status === 409);
  assert.equal(excel.inserted.length, 0);
  assert.deepEqual(excel.writes, {});
});

test("a quarter that is not Q1..Q4 is refused before anything is sent", async () => {
  const requests = fakeService({});
  await assert.rejects(xlsrc.commands.statusSheet("Q5"), /Q1, Q2, Q3 tai Q4/);
  assert.equal(requests.length, 0);
});

test("recalculate asks Excel for a full recalculation (the XS functions then batch)", async () => {
  const excel = mockExcel(GOAL_SHEETS);
  await xlsrc.commands.recalculate();
  assert.deepEqual(excel.calculations, ["Full"]);
});

test("function help writes the registry's help rows", async () => {
  const excel = mockExcel(GOAL_SHEETS);
  await xlsrc.commands.udfHelp();
  const rows = data.helpRows;
  const sheet = excel.writes[xlsrc.registry.help.sheet];
  const last = xlsrc.workbook.address(1, 1, rows.length, rows[0].length);
  assert.deepEqual(sheet[last].values, rows);
  assert.equal(sheet["A1:F1"].bold, true);
});

test("PDF and publish (service endpoints mocked) give a download with the service's file name", async () => {
  mockOffice(bytesOf(data.status.before));
  mockExcel(GOAL_SHEETS);
  const requests = fakeService({
    "/api/status-sheet": async () =>
      new Response(new Uint8Array([37, 80, 68, 70]), {
        headers: { "Content-Type": "application/pdf", "Content-Disposition": 'attachment; filename="Tilanne Q2 2024.pdf"' },
      }),
    "/api/publish": async () => new Response(new Uint8Array([80, 75]), { headers: { "Content-Type": XLSX } }),
  });
  const pdf = await xlsrc.commands.exportPdf("Q2");
  assert.equal(requests[0].path, "/api/status-sheet?quarter=Q2&format=pdf");
  assert.equal(pdf.download.filename, "Tilanne Q2 2024.pdf");
  assert.deepEqual(new Uint8Array(await pdf.download.blob.arrayBuffer()), new Uint8Array([37, 80, 68, 70]));
  const published = await xlsrc.commands.publish();
  assert.equal(requests[1].path, "/api/publish");
  assert.equal(published.download.filename, "julkaisu.xlsx");
});

test("without a token nothing is sent and the user is told to sign in", async () => {
  mockOffice(bytesOf(data.status.before));
  mockExcel(GOAL_SHEETS);
  const requests = fakeService({});
  globalThis.localStorage.removeItem("xlsrc.token");
  try {
    await assert.rejects(xlsrc.commands.validate(), /Kirjautuminen puuttuu/);
    assert.equal(requests.length, 0);
  } finally {
    globalThis.localStorage.setItem("xlsrc.token", "testitunnus");
  }
});

test("a ribbon button that needs the quarter opens the task pane; others run and complete", async () => {
  const office = mockOffice(new Uint8Array([1]));
  const excel = mockExcel(GOAL_SHEETS);
  let completed = 0;
  await xlsrc.commands.onRibbon("xlsrcStatusSheet", { completed: () => (completed += 1) });
  assert.equal(office.taskpane, 1);
  await xlsrc.commands.onRibbon("xlsrcRecalculate", { completed: () => (completed += 1) });
  assert.deepEqual(excel.calculations, ["Full"]);
  assert.equal(completed, 2);
});
