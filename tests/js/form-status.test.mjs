import { test } from "node:test";
import assert from "node:assert/strict";
import { config } from "./config.mjs";
import { loadingStep } from "../../site_assets/js/form/status.js";

const words = config.words.status;

test("the loading steps come from the runtime's phase and count, not from its message", () => {
  // the statuses worker.js and loader.js send, in their order; the message is never read
  const seen = [
    { state: "loading", phase: "prepare" },
    { state: "loading", phase: "download" },
    { state: "loading", phase: "download", done: 0, total: 4 },
    { state: "loading", phase: "download", done: 3, total: 4 },
    { state: "loading", phase: "install" },
    { state: "loading", phase: "start" },
  ].map((s) => loadingStep({ ...s, message: "任何文字（9/9）启动" }, words));
  assert.deepEqual(seen.map((at) => at.step), [1, 1, 2, 2, 3, 4]);
  assert.ok(seen.every((at) => at.of === 4));
  assert.deepEqual(seen.map((at) => at.words), [
    words.stepPrepare, words.stepDownload, "下载组件（0/4）", "下载组件（3/4）", words.stepInstall, words.stepStart,
  ]);
  const bar = seen.map((at) => at.progress);
  assert.equal(bar[0], null); // nothing counted yet: an indeterminate bar
  assert.ok(bar.slice(2).every((p, i, all) => p > 0 && p < 1 && (i === 0 || p > all[i - 1])), String(bar));
});

test("a status without a phase (the page's own first status) is the first step", () => {
  assert.equal(loadingStep({ state: "loading", message: "" }, words).step, 1);
});
