/*
 * Excel errors on the wire and in Office.js.
 *
 * The service sends an Excel error as {"error": "#N/A", "message": "..."} wherever a
 * value can stand (a whole result or one element of a spilled array).  Office.js shows
 * an error only as a CustomFunctions.Error whose code is one of its ErrorCode names;
 * the reason goes into the error's message, which Excel shows on the cell.
 */
(function (root) {
  "use strict";
  const xlsrc = (root.xlsrc = root.xlsrc || {});

  // Excel's literal -> CustomFunctions.ErrorCode member name.
  const CODES = {
    "#VALUE!": "invalidValue",
    "#N/A": "notAvailable",
    "#DIV/0!": "divisionByZero",
    "#NUM!": "invalidNumber",
    "#NULL!": "nullReference",
    "#NAME?": "invalidName",
    "#REF!": "invalidReference",
  };

  function isWireError(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value) && "error" in value;
  }

  // A wire error as the CustomFunctions.Error Excel shows.  #SPILL! and #CALC! have no
  // ErrorCode in Office.js: they become #VALUE! with the original literal in the message.
  function toExcelError(wire) {
    const CF = root.CustomFunctions;
    let code = CODES[wire.error];
    let message = wire.message || "";
    if (code === undefined) {
      code = "invalidValue";
      message = `${wire.error} ${message}`.trim();
    }
    const errorCode = CF.ErrorCode[code];
    return message ? new CF.Error(errorCode, message) : new CF.Error(errorCode);
  }

  // A result from the service as Office.js returns it: errors (also inside arrays) mapped.
  function decodeResult(value) {
    if (Array.isArray(value)) {
      return value.map((row) => (Array.isArray(row) ? row.map(decodeResult) : decodeResult(row)));
    }
    return isWireError(value) ? toExcelError(value) : value;
  }

  // CustomFunctions.ErrorCode value -> Excel literal (an error cell passed as an argument).
  function literalOf(code) {
    const CF = root.CustomFunctions;
    for (const [literal, name] of Object.entries(CODES)) {
      if (CF && CF.ErrorCode && CF.ErrorCode[name] === code) return literal;
    }
    return "#VALUE!";
  }

  // An argument as the service reads it: blanks stay null, error cells become wire errors.
  function encodeArg(value) {
    if (value === undefined) return null;
    if (Array.isArray(value)) return value.map(encodeArg);
    if (value !== null && typeof value === "object" && "code" in value) {
      return { error: literalOf(value.code) };
    }
    return value;
  }

  xlsrc.errors = { CODES, isWireError, toExcelError, decodeResult, encodeArg };
  if (typeof module === "object" && module.exports) module.exports = xlsrc.errors;
})(typeof globalThis !== "undefined" ? globalThis : this);
