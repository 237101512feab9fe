/*
 * Reading the open workbook and writing results back, through Office.js only.
 *
 * The service works on whole workbook files, so a command sends the open workbook as
 * Office.js gives it (Office.context.document.getFileAsync, compressed = the .xlsx bytes,
 * unsaved changes included) and brings sheets back with
 * workbook.insertWorksheetsFromBase64, which keeps the service's formatting.  Which sheets
 * are new is read from the returned package's xl/workbook.xml (a minimal zip reader; the
 * browser's DecompressionStream inflates).
 */
(function (root) {
  "use strict";
  const xlsrc = (root.xlsrc = root.xlsrc || {});
  const SLICE = 4 * 1024 * 1024;

  class WorkbookError extends Error {}

  function getFileBytes() {
    const Office = root.Office;
    return new Promise((resolve, reject) => {
      Office.context.document.getFileAsync(Office.FileType.Compressed, { sliceSize: SLICE }, (res) => {
        if (res.status !== Office.AsyncResultStatus.Succeeded) {
          reject(new WorkbookError(`Työkirjaa ei saatu luettua: ${res.error && res.error.message}`));
          return;
        }
        const file = res.value;
        const parts = [];
        const next = (index) => {
          if (index >= file.sliceCount) {
            file.closeAsync();
            const size = parts.reduce((n, p) => n + p.length, 0);
            const bytes = new Uint8Array(size);
            let at = 0;
            for (const part of parts) {
              bytes.set(part, at);
              at += part.length;
            }
            resolve(bytes);
            return;
          }
          file.getSliceAsync(index, (slice) => {
            if (slice.status !== Office.AsyncResultStatus.Succeeded) {
              file.closeAsync();
              reject(new WorkbookError(`Työkirjan osaa ${index} ei saatu luettua`));
              return;
            }
            parts.push(Uint8Array.from(slice.value.data));
            next(index + 1);
          });
        };
        next(0);
      });
    });
  }

  function toBase64(bytes) {
    let text = "";
    for (let i = 0; i < bytes.length; i += 0x8000) {
      text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return root.btoa(text);
  }

  async function inflateRaw(data) {
    const stream = new root.Blob([data]).stream().pipeThrough(new root.DecompressionStream("deflate-raw"));
    return new Uint8Array(await new root.Response(stream).arrayBuffer());
  }

  // One member of a zip (stored or deflated), found through the central directory.
  async function zipMember(bytes, wanted) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let end = bytes.length - 22;
    while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end -= 1;
    if (end < 0) throw new WorkbookError("Palvelun vastaus ei ole työkirja (zip)");
    let at = view.getUint32(end + 16, true);
    const count = view.getUint16(end + 10, true);
    const decoder = new root.TextDecoder();
    for (let i = 0; i < count; i += 1) {
      const method = view.getUint16(at + 10, true);
      const size = view.getUint32(at + 20, true);
      const nameLength = view.getUint16(at + 28, true);
      const extra = view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
      const local = view.getUint32(at + 42, true);
      const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
      if (name === wanted) {
        const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
        const data = bytes.subarray(start, start + size);
        return decoder.decode(method === 0 ? data : await inflateRaw(data));
      }
      at += 46 + nameLength + extra;
    }
    throw new WorkbookError(`Palvelun vastauksesta puuttuu ${wanted}`);
  }

  function unescapeXml(text) {
    return text
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, "&");
  }

  async function sheetNames(bytes) {
    const xml = await zipMember(bytes, "xl/workbook.xml");
    return Array.from(xml.matchAll(/<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"/g), (m) => unescapeXml(m[1]));
  }

  async function currentSheetNames(context) {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    await context.sync();
    return sheets.items.map((s) => s.name);
  }

  // Insert the sheets of `bytes` that the open workbook does not have; their names.
  async function insertNewSheets(bytes) {
    const names = await sheetNames(bytes);
    return root.Excel.run(async (context) => {
      const existing = new Set(await currentSheetNames(context));
      const fresh = names.filter((n) => !existing.has(n));
      if (fresh.length === 0) return [];
      context.workbook.insertWorksheetsFromBase64(toBase64(bytes), {
        sheetNamesToInsert: fresh,
        positionType: root.Excel.WorksheetPositionType.end,
      });
      await context.sync();
      const sheet = context.workbook.worksheets.getItem(fresh[0]);
      sheet.activate();
      await context.sync();
      return fresh;
    });
  }

  function columnLetters(column) {
    let text = "";
    for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
      text = String.fromCharCode(65 + ((n - 1) % 26)) + text;
    }
    return text;
  }

  // "A1:F3" for rows x columns starting at (row, column), 1-based.
  function address(row, column, rows, columns) {
    const first = `${columnLetters(column)}${row}`;
    if (rows === 1 && columns === 1) return first;
    return `${first}:${columnLetters(column + columns - 1)}${row + rows - 1}`;
  }

  function quoted(sheet) {
    return `'${sheet.replace(/'/g, "''")}'`;
  }

  // A fresh sheet called `name` (an old one of that name is replaced).
  async function freshSheet(context, name) {
    const old = context.workbook.worksheets.getItemOrNullObject(name);
    await context.sync();
    if (!old.isNullObject) old.delete();
    return context.workbook.worksheets.add(name);
  }

  xlsrc.workbook = {
    WorkbookError,
    getFileBytes,
    toBase64,
    zipMember,
    sheetNames,
    insertNewSheets,
    address,
    columnLetters,
    quoted,
    freshSheet,
  };
  if (typeof module === "object" && module.exports) module.exports = xlsrc.workbook;
})(typeof globalThis !== "undefined" ? globalThis : this);
