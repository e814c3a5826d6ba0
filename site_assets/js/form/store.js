// The form's shared store (govuk-frontend style components talk through it, not through the coordinator's
// internals): the coordinator publishes each state change under a topic ("view": what the page shows now,
// "status": the checker's status), and a component subscribes to the topics it draws. A listener that throws is
// reported and the others still run, so one broken component does not stop the form.

export class FormStore {
  constructor() {
    this.topics = new Map(); // topic -> [{name, fn}]
    this.last = new Map(); // topic -> the last value published
  }

  /** Call `fn(value)` on every value published under `topic`; `name` names the subscriber in error reports. */
  on(topic, fn, name = "") {
    const list = this.topics.get(topic) || [];
    const entry = { name, fn };
    this.topics.set(topic, [...list, entry]);
    return () => this.topics.set(topic, (this.topics.get(topic) || []).filter((e) => e !== entry));
  }

  /** The last value published under `topic` (undefined before the first). */
  get(topic) {
    return this.last.get(topic);
  }

  publish(topic, value) {
    this.last.set(topic, value);
    for (const { name, fn } of this.topics.get(topic) || []) {
      try {
        fn(value);
      } catch (err) {
        console.error(`表单组件 ${name || topic} 未能更新`, err); // the other components still draw
      }
    }
  }
}

/**
 * Every element inside `root` whose data-module names the component, made into one (govuk-frontend createAll):
 * each gets its root element and the app (the page config is app.model.config). A component with a render(view)
 * is subscribed to the store's "view". One that fails to start is reported (console.error, which fails the
 * browser tests) and left out; the others still start.
 */
export function createAll(Component, root, app) {
  const made = [];
  for (const node of root.querySelectorAll(`[data-module~="${Component.moduleName}"]`)) {
    try {
      const part = new Component(node, app);
      if (part.render) app.store.on("view", (view) => part.render(view), Component.moduleName);
      made.push(part);
    } catch (err) {
      console.error(`表单组件 ${Component.moduleName} 未能启动`, err);
    }
  }
  return made;
}
