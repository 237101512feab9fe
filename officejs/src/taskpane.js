/*
 * The task pane: quarter picker, the action buttons, sign-in, and the outcome line.
 *
 * It is also the shared runtime's page, so it starts the custom functions and the
 * ribbon commands (Office.onReady).  Outcomes and refusals are shown in Finnish as the
 * service gave them; a file (PDF, published copy) is offered as a download link.
 */
(function (root) {
  "use strict";
  const xlsrc = (root.xlsrc = root.xlsrc || {});
  const doc = root.document;

  function element(id) {
    return doc.getElementById(id);
  }

  function show(message, isError) {
    const out = element("xlsrc-outcome");
    if (!out) return;
    out.textContent = message;
    out.className = isError ? "outcome error" : "outcome";
  }

  function offerDownload(file) {
    const link = element("xlsrc-download");
    if (root.URL && root.URL.createObjectURL) link.href = root.URL.createObjectURL(file.blob);
    link.download = file.filename;
    link.textContent = `Lataa ${file.filename}`;
    link.hidden = false;
  }

  async function run(name) {
    const action = xlsrc.commands.ACTIONS[name];
    const quarter = element("xlsrc-quarter").value;
    element("xlsrc-download").hidden = true;
    show("Odota hetki…");
    try {
      const outcome = await action(quarter);
      show(outcome.message);
      if (outcome.download) offerDownload(outcome.download);
      return outcome;
    } catch (error) {
      show(error.message, true);
      return null;
    }
  }

  function focus(name) {
    const button = doc.querySelector(`button[data-action="${name}"]`);
    if (button) button.focus();
    show("Valitse neljännes ja paina painiketta.");
  }

  function signIn() {
    const input = element("xlsrc-token");
    xlsrc.api.setToken(input.value);
    input.value = "";
    show(xlsrc.api.storedToken() ? "Tunnus tallennettu." : "Tunnus poistettu.");
  }

  function start() {
    for (const button of doc.querySelectorAll("button[data-action]")) {
      button.addEventListener("click", () => run(button.dataset.action));
    }
    element("xlsrc-signin").addEventListener("click", signIn);
    show(xlsrc.api.storedToken() ? "Valmis." : "Anna ensin xlsrc-palvelun tunnus (Asetukset).");
  }

  xlsrc.taskpane = { show, focus, run, start };
  // The scripts load in <head>: wait for the page's elements as well as for Office.
  function domReady() {
    if (doc.readyState !== "loading") return Promise.resolve();
    return new Promise((resolve) => doc.addEventListener("DOMContentLoaded", resolve, { once: true }));
  }

  if (root.Office && root.Office.onReady) {
    root.Office.onReady(() => {
      xlsrc.commands.associateRibbon();
      domReady().then(start);
    });
  }
})(typeof globalThis !== "undefined" ? globalThis : this);
