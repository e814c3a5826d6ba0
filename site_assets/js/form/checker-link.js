// The form's link to the checker (runtime/checker.js, Python in a worker): starts it, follows its status
// (published in the store as "status"), runs a check of the draft (the newest answer wins) and 检查全部, which
// a click before the checker is ready keeps until it is. The result goes back to the coordinator (app.result).

export class CheckerLink {
  constructor(app) {
    this.app = app;
    this.checker = null;
    this.state = "loading";
    this.seq = 0;
    this.waiters = null;
    this.queued = false;
  }

  async start() {
    // an unsupported browser is reported by runtime/checker.js, as a failed status
    try {
      const mod = await import("../runtime/checker.js");
      this.checker = mod.startChecker();
      this.checker.onStatus((s) => this.onStatus(s));
    } catch (err) {
      this.onStatus({ state: "failed", message: this.app.model.words.form.checkerNotLoaded, detail: String(err) });
    }
  }

  /** Resolves once the checker is ready or has failed. */
  settled() {
    if (this.state !== "loading") return Promise.resolve(this.state);
    return new Promise((resolve) => (this.waiters = [...(this.waiters || []), resolve]));
  }

  onStatus(s) {
    this.state = s.state;
    if (s.state !== "loading" && this.waiters) {
      for (const resolve of this.waiters) resolve(s.state);
      this.waiters = null;
    }
    this.app.store.emit("status", s);
    if (s.state === "ready") this.validate();
    else this.app.render();
  }

  /** Check the draft now; resolves to the result shown (a newer check on its way leaves the last one). */
  async validate() {
    const app = this.app;
    clearTimeout(app.checkTimer);
    if (!this.checker || this.state !== "ready") {
      app.render();
      return null;
    }
    const seq = ++this.seq;
    try {
      const res = await this.checker.call("validate", app.draft());
      if (seq !== this.seq) return app.result; // a newer check is on its way
      app.result = res && Array.isArray(res.problems) ? res : { problems: [], counts: {} };
    } catch (err) {
      console.warn("检查失败", err);
      app.store.emit("checkFailed", err);
    }
    app.render();
    return app.result;
  }

  /** 检查全部: show every problem, and move to the error summary once the check is done. */
  async checkAll() {
    const app = this.app;
    app.showAll = true;
    if (!this.checker || this.state !== "ready") {
      app.render();
      app.store.emit("summary:notReady", this.state);
      if (this.state === "failed" || this.queued) return;
      // A click before the checker is ready is kept: the check runs when it is (the summary says so meanwhile).
      this.queued = true;
      const state = await this.settled();
      this.queued = false;
      if (state !== "ready") {
        app.store.emit("summary:notReady", state);
        return;
      }
      const active = document.activeElement;
      // where 检查全部 leaves the focus: the page, the summary saying it waits, the button itself
      const waitingHere = active === document.body || !!(active && active.matches('[data-summary], [data-action="check-all"]'));
      await this.validate();
      if (waitingHere) app.store.emit("summary:focus"); // not when the user went on typing meanwhile
      return;
    }
    await this.validate();
    app.store.emit("summary:focus");
  }
}
