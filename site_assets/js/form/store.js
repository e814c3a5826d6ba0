// The form's components on the shared pattern (lib/components.js): one per element, each subscribed to the
// store's "view" (what the page shows now), which the coordinator emits on every change. Other topics: "status"
// (the checker's status), "checkFailed", "summary:notReady", "summary:focus", "counts:back", "review:focusBack".
import { createAll as createEach } from "../lib/components.js";

/**
 * Every element inside `root` whose data-module names the component, made into one (lib/components.js: one that
 * fails to start is reported and left out); each gets its root element and the app (the page config is
 * app.model.config), and one with a render(view) draws every view the store emits.
 */
export function createAll(Component, root, app) {
  const made = createEach(Component, root, app);
  for (const part of made) if (part.render) app.store.on("view", (view) => part.render(view), Component.moduleName);
  return made;
}
