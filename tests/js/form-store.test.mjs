// The shared store (site_assets/js/lib/components.js) and the form's createAll (site_assets/js/form/store.js): components subscribe to topics; one that
// throws while drawing, or fails to start, is reported and left out, and the others still run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Store } from "../../site_assets/js/lib/components.js";
import { createAll } from "../../site_assets/js/form/store.js";

function quietly(fn) {
  const errors = [];
  const saved = console.error;
  console.error = (...args) => errors.push(args);
  try {
    fn();
  } finally {
    console.error = saved;
  }
  return errors;
}

test("a topic reaches every subscriber, in order, and keeps its last value; unsubscribing stops it", () => {
  const store = new Store();
  const seen = [];
  const off = store.on("view", (v) => seen.push(["a", v]));
  store.on("view", (v) => seen.push(["b", v]));
  store.on("status", (v) => seen.push(["s", v]));
  store.emit("view", 1);
  off();
  store.emit("view", 2);
  assert.deepEqual(seen, [["a", 1], ["b", 1], ["b", 2]]);
  assert.equal(store.get("view"), 2);
  assert.equal(store.get("status"), undefined);
});

test("a subscriber that throws is reported by name, and the others still get the value", () => {
  const store = new Store();
  const seen = [];
  store.on("view", () => {
    throw new Error("boom");
  }, "form/broken");
  store.on("view", (v) => seen.push(v), "form/fine");
  const errors = quietly(() => store.emit("view", "x"));
  assert.deepEqual(seen, ["x"]);
  assert.equal(errors.length, 1);
  assert.match(errors[0][0], /form\/broken/);
});

test("createAll: one component per element, subscribed to the view; one that fails to start is left out", () => {
  const nodes = [{ ok: true }, { ok: false }, { ok: true }];
  const root = {
    matches: () => false,
    querySelectorAll(selector) {
      assert.equal(selector, '[data-module~="form/part"]');
      return nodes;
    },
  };
  const drawn = [];
  class Part {
    static moduleName = "form/part";
    constructor(node) {
      if (!node.ok) throw new Error("cannot start");
      this.node = node;
    }
    render(view) {
      drawn.push([this.node, view]);
    }
  }
  const app = { store: new Store() };
  let made;
  const errors = quietly(() => (made = createAll(Part, root, app)));
  assert.equal(made.length, 2);
  assert.equal(errors.length, 1);
  app.store.emit("view", "v");
  assert.deepEqual(drawn, [[nodes[0], "v"], [nodes[2], "v"]]);
});
