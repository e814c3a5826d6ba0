// The component pattern of every page (govuk-frontend's createAll): a page module finds the elements inside its
// root whose data-module names a component and makes one per element, giving it the element and the page's
// context (its config from Python, the store, the checker); what differs per element is in the element's data-*
// attributes. Components talk through a small shared store (state plus named events), never through each other's
// DOM or a coordinator's internals.

/**
 * One component per element inside `root` (root itself included) whose data-module names it. One that fails to
 * start is reported (console.error, which fails the browser tests) and left out; the others still start.
 */
export function createAll(Component, root, context) {
  const made = [];
  const nodes = [...(root.matches(`[data-module~="${Component.moduleName}"]`) ? [root] : []), ...root.querySelectorAll(`[data-module~="${Component.moduleName}"]`)];
  for (const node of nodes) {
    try {
      made.push(new Component(node, context));
    } catch (err) {
      console.error(`页面组件 ${Component.moduleName} 未能启动`, err);
    }
  }
  return made;
}

/** Every component of a page, in order: {moduleName: [instances]}. */
export function createAllOf(components, root, context) {
  return Object.fromEntries(components.map((C) => [C.moduleName, createAll(C, root, context)]));
}

/**
 * A small shared store: `state` (read freely), `set(patch)` which tells the listeners of each changed key
 * ("change:<key>") and of any change ("change"), and named events (`emit`, `on`). A listener that throws is
 * reported and does not stop the others.
 */
export class Store {
  constructor(state = {}) {
    this.state = { ...state };
    this.listeners = new Map(); // name -> [{fn, who}]
    this.last = new Map(); // name -> the last detail emitted
  }

  /** Call `fn(detail, state)` on every `name` event; `who` names the listener in error reports. */
  on(name, fn, who = "") {
    const entry = { fn, who };
    this.listeners.set(name, [...(this.listeners.get(name) || []), entry]);
    return () => this.listeners.set(name, (this.listeners.get(name) || []).filter((e) => e !== entry));
  }

  /** The last detail emitted as `name` (undefined before the first). */
  get(name) {
    return this.last.get(name);
  }

  emit(name, detail) {
    this.last.set(name, detail);
    for (const { fn, who } of this.listeners.get(name) || []) {
      try {
        fn(detail, this.state);
      } catch (err) {
        console.error(`页面组件 ${who || name} 未能处理 ${name}`, err); // the other listeners still run
      }
    }
  }

  set(patch) {
    const changed = Object.keys(patch).filter((k) => this.state[k] !== patch[k]);
    Object.assign(this.state, patch);
    for (const k of changed) this.emit(`change:${k}`, this.state[k]);
    if (changed.length) this.emit("change", changed);
  }
}
