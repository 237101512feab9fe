/*
 * Talking to the xlsrc service: where it is, the user's bearer token, requests.
 *
 * The add-in's pages are served by the service itself (xlsrc serve), so the API is on
 * the same origin; a static host (xlsrc officejs --out DIR --service-url URL) names the
 * service in <meta name="xlsrc-service">.  The token is the user's own:
 * - with Entra ID single sign-on configured (<meta name="xlsrc-sso" content="on">),
 *   OfficeRuntime.auth.getAccessToken() gives it (the service, or the proxy in front
 *   of it, must accept Entra ID tokens);
 * - otherwise the token from `xlsrc serve token add NAME`, which the user pastes into
 *   the task pane once; it is kept in the runtime's localStorage (one shared runtime, so
 *   the custom functions and the ribbon see it too).
 */
(function (root) {
  "use strict";
  const xlsrc = (root.xlsrc = root.xlsrc || {});
  const TOKEN_KEY = "xlsrc.token";

  class ServiceError extends Error {
    constructor(message, status) {
      super(message);
      this.name = "ServiceError";
      this.status = status;
    }
  }

  function meta(name) {
    const doc = root.document;
    const element = doc && doc.querySelector ? doc.querySelector(`meta[name="${name}"]`) : null;
    return element ? element.getAttribute("content") || "" : "";
  }

  const config = {
    serviceUrl: null, // null: <meta name="xlsrc-service"> or the page's own origin
    sso: null, // null: <meta name="xlsrc-sso">
    fetch: null, // null: the global fetch (tests put a fake here)
  };

  function serviceUrl() {
    const url = config.serviceUrl !== null ? config.serviceUrl : meta("xlsrc-service");
    return (url || "").replace(/\/+$/, "");
  }

  function storage() {
    return root.localStorage || null;
  }

  function storedToken() {
    const store = storage();
    return store ? store.getItem(TOKEN_KEY) || "" : "";
  }

  function setToken(token) {
    const store = storage();
    if (!store) throw new ServiceError("Tunnusta ei voi tallentaa: selaimen tallennustila puuttuu");
    if (token) store.setItem(TOKEN_KEY, token.trim());
    else store.removeItem(TOKEN_KEY);
  }

  async function token() {
    const sso = config.sso !== null ? config.sso : meta("xlsrc-sso") === "on";
    if (sso && root.OfficeRuntime && root.OfficeRuntime.auth) {
      return root.OfficeRuntime.auth.getAccessToken({ allowSignInPrompt: true });
    }
    const stored = storedToken();
    if (!stored) {
      throw new ServiceError(
        "Kirjautuminen puuttuu: anna xlsrc-palvelun tunnus xlsrc-paneelissa (Asetukset)",
        401,
      );
    }
    return stored;
  }

  // The service's reason for a refusal: FastAPI's {"detail": ...} or our {"message": ...}.
  async function reasonOf(response) {
    const text = await response.text();
    try {
      const body = JSON.parse(text);
      const detail = body.detail !== undefined ? body.detail : body.message;
      if (typeof detail === "string") return detail;
      if (detail !== undefined) return JSON.stringify(detail);
    } catch (_) {
      // not JSON: the text itself
    }
    return text || response.statusText || `HTTP ${response.status}`;
  }

  async function request(path, init) {
    const doFetch = config.fetch || root.fetch;
    const headers = Object.assign({}, init.headers || {}, {
      Authorization: `Bearer ${await token()}`,
    });
    let response;
    try {
      response = await doFetch(serviceUrl() + path, Object.assign({}, init, { headers }));
    } catch (error) {
      throw new ServiceError(`xlsrc-palvelu ei vastaa (${serviceUrl() || "sama palvelin"}): ${error.message}`, 0);
    }
    if (!response.ok) {
      throw new ServiceError(await reasonOf(response), response.status);
    }
    return response;
  }

  async function postJson(path, body) {
    const response = await request(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    return response.json();
  }

  // One workbook as the multipart upload the service's file endpoints take ("file").
  async function postFile(path, bytes, filename) {
    const form = new root.FormData();
    const type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    form.append("file", new root.Blob([bytes], { type }), filename || "tyokirja.xlsx");
    return request(path, { method: "POST", body: form });
  }

  xlsrc.api = { config, ServiceError, serviceUrl, token, setToken, storedToken, postJson, postFile };
  if (typeof module === "object" && module.exports) module.exports = xlsrc.api;
})(typeof globalThis !== "undefined" ? globalThis : this);
