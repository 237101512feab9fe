// Batching: one request per calculation pass, a short cache on the arguments, errors mapped.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { installCustomFunctions, CustomFunctionsError } = require("./support.js");

installCustomFunctions();
require("../src/errors.js");
const { createBatcher } = require("../src/batch.js");

function clockAndTimers() {
  let time = 0;
  const timers = [];
  return {
    now: () => time,
    advance: (ms) => (time += ms),
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    fire: async () => {
      const due = timers.splice(0);
      await Promise.all(due.map((t) => t.fn()));
    },
    pending: () => timers.length,
  };
}

function echoService(answer) {
  const requests = [];
  const send = async (calls) => {
    requests.push(calls);
    return calls.map(answer);
  };
  return { requests, send };
}

test("every call of one calculation pass goes out in one request", async () => {
  const clock = clockAndTimers();
  const service = echoService((c) => c.args[0] * 2);
  const batcher = createBatcher({ send: service.send, now: clock.now, setTimer: clock.setTimer });
  const promises = [];
  for (let i = 0; i < 100; i += 1) promises.push(batcher.call("XS_NUMBER", [i]));
  assert.equal(clock.pending(), 1, "one flush is scheduled for the whole pass");
  await clock.fire();
  assert.deepEqual(await Promise.all(promises), Array.from({ length: 100 }, (_, i) => i * 2));
  assert.equal(service.requests.length, 1);
  assert.equal(service.requests[0].length, 100);
});

test("a range argument is one call, sent as one matrix", async () => {
  const clock = clockAndTimers();
  const service = echoService(() => [["a"], ["b"]]);
  const batcher = createBatcher({ send: service.send, now: clock.now, setTimer: clock.setTimer });
  const column = [[1], [2], [""]];
  const result = batcher.call("XS_BANDS", [column, [["Tila"]]]);
  await clock.fire();
  assert.deepEqual(await result, [["a"], ["b"]]);
  assert.deepEqual(service.requests[0], [{ function: "XS_BANDS", args: [column, [["Tila"]]] }]);
});

test("identical calls share one entry; a repeat within the cache time sends nothing", async () => {
  const clock = clockAndTimers();
  const service = echoService(() => 42);
  const batcher = createBatcher({ send: service.send, now: clock.now, setTimer: clock.setTimer, cacheMs: 1000 });
  const both = [batcher.call("XS_RATIO_PCT", [1, 2]), batcher.call("XS_RATIO_PCT", [1, 2])];
  await clock.fire();
  assert.deepEqual(await Promise.all(both), [42, 42]);
  assert.equal(service.requests[0].length, 1);
  clock.advance(999);
  assert.equal(await batcher.call("XS_RATIO_PCT", [1, 2]), 42);
  assert.equal(clock.pending(), 0, "served from the cache");
  clock.advance(1);
  const again = batcher.call("XS_RATIO_PCT", [1, 2]);
  await clock.fire();
  assert.equal(await again, 42);
  assert.equal(service.requests.length, 2, "expired: asked again");
  assert.equal(batcher.stats.cached, 1);
});

test("different arguments are different cache keys", async () => {
  const clock = clockAndTimers();
  const service = echoService((c) => c.args[0]);
  const batcher = createBatcher({ send: service.send, now: clock.now, setTimer: clock.setTimer });
  const calls = [batcher.call("XS_NUMBER", ["1"]), batcher.call("XS_NUMBER", [1]), batcher.call("XS_NUMBER", [null])];
  await clock.fire();
  assert.deepEqual(await Promise.all(calls), ["1", 1, null]);
  assert.equal(service.requests[0].length, 3);
});

test("errors come back as CustomFunctions.Error with the service's reason", async () => {
  const clock = clockAndTimers();
  const service = echoService((c) => {
    if (c.function === "XS_CHANGE_PCT") return { error: "#DIV/0!", message: "nollapohja" };
    if (c.function === "XS_PIVOT") return { error: "#CALC!", message: "tyhjä tulos" };
    return [["ok"], [{ error: "#NUM!", message: "" }]];
  });
  const batcher = createBatcher({ send: service.send, now: clock.now, setTimer: clock.setTimer });
  const div = batcher.call("XS_CHANGE_PCT", [0, 1, "Tulot"]);
  const calc = batcher.call("XS_PIVOT", [[[1]], [[2]], [[3]]]);
  const rows = batcher.call("XS_BANDS", [[[1], [2]], [["x"]]]);
  await clock.fire();
  await assert.rejects(div, (e) => e instanceof CustomFunctionsError && e.code === "#DIV/0!" && e.message === "nollapohja");
  await assert.rejects(calc, (e) => e.code === "#VALUE!" && e.message === "#CALC! tyhjä tulos");
  const spilled = await rows;
  assert.equal(spilled[0][0], "ok");
  assert.ok(spilled[1][0] instanceof CustomFunctionsError);
  assert.equal(spilled[1][0].code, "#NUM!");
});

test("an error cell given as an argument travels as its literal", async () => {
  const clock = clockAndTimers();
  const service = echoService(() => 0);
  const batcher = createBatcher({ send: service.send, now: clock.now, setTimer: clock.setTimer });
  batcher.call("XS_NUMBER", [new CustomFunctionsError("#N/A")]);
  await clock.fire();
  assert.deepEqual(service.requests[0][0].args, [{ error: "#N/A" }]);
});

test("a failed request gives #N/A with the reason to every call, and nothing is cached", async () => {
  const clock = clockAndTimers();
  let fail = true;
  const send = async (calls) => {
    if (fail) throw new Error("xlsrc-palvelu ei vastaa");
    return calls.map(() => 1);
  };
  const batcher = createBatcher({ send, now: clock.now, setTimer: clock.setTimer });
  const calls = [batcher.call("XS_NUMBER", ["1"]), batcher.call("XS_NUMBER", ["2"])];
  await clock.fire();
  for (const call of calls) {
    await assert.rejects(call, (e) => e.code === "#N/A" && e.message === "xlsrc-palvelu ei vastaa");
  }
  fail = false;
  const retry = batcher.call("XS_NUMBER", ["1"]);
  await clock.fire();
  assert.equal(await retry, 1);
});

test("an answer of the wrong length is refused, not matched up by guess", async () => {
  const clock = clockAndTimers();
  const batcher = createBatcher({ send: async () => [1], now: clock.now, setTimer: clock.setTimer });
  const calls = [batcher.call("XS_NUMBER", ["1"]), batcher.call("XS_NUMBER", ["2"])];
  await clock.fire();
  for (const call of calls) await assert.rejects(call, (e) => e.code === "#N/A");
});

test("a queue longer than the service takes is split into as few requests as fit", async () => {
  const clock = clockAndTimers();
  const service = echoService((c) => c.args[0]);
  const batcher = createBatcher({ send: service.send, now: clock.now, setTimer: clock.setTimer, maxCalls: 40 });
  const calls = Array.from({ length: 100 }, (_, i) => batcher.call("XS_NUMBER", [i]));
  await clock.fire();
  assert.deepEqual(await Promise.all(calls), Array.from({ length: 100 }, (_, i) => i));
  assert.deepEqual(service.requests.map((r) => r.length), [40, 40, 20]);
});
