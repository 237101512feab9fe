/*
 * The ribbon commands and task-pane actions: the same buttons as the VBA add-in.
 *
 * Each action reads the open workbook through Office.js, sends it to the service's
 * endpoint (the same library functions as the CLI run there), and writes the result back
 * into the open workbook.  Locked quarters stay locked exactly as in the CLI: the service
 * refuses a quarter whose sheet exists (409 with the CLI's reason), the action shows
 * that reason and writes nothing; there is no "force" here.  Every action resolves to an
 * outcome {message, download?} the task pane shows; a refusal rejects with the reason.
 */
(function (root) {
  "use strict";
  const xlsrc = (root.xlsrc = root.xlsrc || {});
  const need = (name, file) => xlsrc[name] || (typeof require === "function" ? require(file) : null);
  const api = need("api", "./api.js");
  const book = need("workbook", "./workbook.js");

  function registry() {
    if (!xlsrc.registry) throw new Error("xlsrc.registry puuttuu: functions.js ei latautunut");
    return xlsrc.registry;
  }

  function checkedQuarter(quarter) {
    const text = String(quarter || "").trim().toUpperCase().replace(/^Q/, "");
    if (!["1", "2", "3", "4"].includes(text)) {
      throw new Error(`vuosineljännes ${JSON.stringify(quarter)}: valitse Q1, Q2, Q3 tai Q4`);
    }
    return `Q${text}`;
  }

  async function statusSheet(quarter) {
    const q = checkedQuarter(quarter);
    const bytes = await book.getFileBytes();
    const response = await api.postFile(`/api/status-sheet?quarter=${q}&format=xlsx`, bytes);
    const fresh = await book.insertNewSheets(new Uint8Array(await response.arrayBuffer()));
    if (fresh.length === 0) throw new Error("Palvelu ei palauttanut uutta välilehteä");
    return { message: `Lisätty välilehti ${fresh.join(", ")}`, sheets: fresh };
  }

  async function download(path, fallbackName) {
    const bytes = await book.getFileBytes();
    const response = await api.postFile(path, bytes);
    const disposition = response.headers.get("Content-Disposition") || "";
    const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
    const filename = match ? decodeURIComponent(match[1]) : fallbackName;
    return { message: `Valmis: ${filename}`, download: { filename, blob: await response.blob() } };
  }

  function exportPdf(quarter) {
    const q = checkedQuarter(quarter);
    return download(`/api/status-sheet?quarter=${q}&format=pdf`, `Tilanne ${q}.pdf`);
  }

  function publish() {
    return download("/api/publish", "julkaisu.xlsx");
  }

  async function recalculate() {
    await root.Excel.run(async (context) => {
      context.workbook.application.calculate(root.Excel.CalculationType.full);
      await context.sync();
    });
    return { message: "Työkirja laskettu uudelleen" };
  }

  function summary(findings) {
    const errors = findings.filter((f) => f.severity === "error").length;
    if (findings.length === 0) return registry().findings.clean;
    return `${findings.length} havaintoa: ${errors} virhettä, ${findings.length - errors} huomiota.`;
  }

  // The findings sheet of `xlsrc validate`: title, summary, header row, one row per finding
  // with a link to its cell; each finding's cell is coloured by severity.
  async function writeFindings(findings) {
    const layout = registry().findings;
    await root.Excel.run(async (context) => {
      const sheet = await book.freshSheet(context, layout.sheet);
      sheet.getRange("A1").values = [[layout.title]];
      sheet.getRange("A1").format.font.bold = true;
      sheet.getRange("A2").values = [[summary(findings)]];
      const header = sheet.getRange(book.address(layout.headerRow, 1, 1, layout.headers.length));
      header.values = [layout.headers];
      header.format.font.bold = true;
      findings.forEach((f, i) => {
        const row = layout.headerRow + 1 + i;
        const values = [f.sheet, f.cell, layout.severity[f.severity], f.rule_label ?? f.rule, f.stated, f.computed, f.difference, f.message];
        sheet.getRange(book.address(row, 1, 1, values.length)).values = [values.map((v) => (v === null ? "" : v))];
        sheet.getRange(book.address(row, 2, 1, 1)).hyperlink = {
          documentReference: `${book.quoted(f.sheet)}!${f.cell}`,
          textToDisplay: f.cell,
          screenTip: `${f.sheet}!${f.cell}: ${layout.severity[f.severity]}`,
        };
      });
      const colours = new Map();
      for (const f of findings) {
        const key = `${f.sheet}!${f.cell}`;
        if (!colours.has(key) || f.severity === "error") colours.set(key, [f, layout.colours[f.severity]]);
      }
      for (const [f, colour] of colours.values()) {
        context.workbook.worksheets.getItem(f.sheet).getRange(f.cell).format.fill.color = `#${colour}`;
      }
      sheet.activate();
      await context.sync();
    });
  }

  async function validate() {
    const bytes = await book.getFileBytes();
    const response = await api.postFile("/api/validate?format=json", bytes);
    const body = await response.json();
    const findings = Array.isArray(body) ? body : body.findings;
    if (!Array.isArray(findings)) throw new Error("Palvelun vastauksessa ei ole havaintolistaa");
    await writeFindings(findings);
    return { message: summary(findings), findings };
  }

  async function udfHelp() {
    const help = registry().help;
    await root.Excel.run(async (context) => {
      const sheet = await book.freshSheet(context, help.sheet);
      const rows = help.rows;
      sheet.getRange(book.address(1, 1, rows.length, rows[0].length)).values = rows;
      sheet.getRange(book.address(1, 1, 1, rows[0].length)).format.font.bold = true;
      sheet.activate();
      await context.sync();
    });
    return { message: `Välilehti ${help.sheet}: ${help.rows.length - 1} funktiota` };
  }

  // Command function name (manifest FunctionName) -> action.  Actions that need the quarter
  // or give back a file run from the task pane; their ribbon button opens it.
  const ACTIONS = {
    xlsrcStatusSheet: statusSheet,
    xlsrcExportPdf: exportPdf,
    xlsrcPublish: publish,
    xlsrcRecalculate: recalculate,
    xlsrcValidate: validate,
    xlsrcUdfHelp: udfHelp,
  };

  async function onRibbon(name, event) {
    const button = registry().commands.find((c) => c.function === name);
    try {
      if (button.taskpane) {
        await root.Office.addin.showAsTaskpane();
        if (xlsrc.taskpane) xlsrc.taskpane.focus(name);
      } else {
        const outcome = await ACTIONS[name]();
        if (xlsrc.taskpane) xlsrc.taskpane.show(outcome.message);
      }
    } catch (error) {
      if (xlsrc.taskpane) xlsrc.taskpane.show(error.message, true);
    } finally {
      if (event && event.completed) event.completed();
    }
  }

  function associateRibbon() {
    for (const command of registry().commands) {
      root.Office.actions.associate(command.function, (event) => onRibbon(command.function, event));
    }
  }

  xlsrc.commands = { ACTIONS, statusSheet, exportPdf, publish, recalculate, validate, udfHelp, summary, onRibbon, associateRibbon };
  if (typeof module === "object" && module.exports) module.exports = xlsrc.commands;
})(typeof globalThis !== "undefined" ? globalThis : this);
