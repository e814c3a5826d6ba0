// The task list (data-module="form-tasks"): each part of the 申请书 is 未开始, 填写中, 有问题 or 已完成.
import { text } from "./util.js";

const CLASS = { 未开始: "todo", 填写中: "doing", 有问题: "error", 已完成: "done" };

export class FormTasks {
  static moduleName = "form-tasks";

  constructor(nav, app) {
    this.nav = nav;
    this.app = app;
  }

  state(key, view) {
    const model = this.app.model;
    let filled = false;
    for (const [, value, f] of model.values(view.draft)) if (f.section === key && text(value).trim() !== "") filled = true;
    if (!filled) return "未开始";
    if (!view.result) return "填写中";
    const inSection = (p) => String(p.path).split(".")[0] === key;
    const errors = view.problems.filter((p) => p.level === model.levels.error && inSection(p));
    if (!errors.length) return "已完成";
    return view.shown.some((p) => p.level === model.levels.error && inSection(p)) ? "有问题" : "填写中";
  }

  render(view) {
    for (const tag of this.nav.querySelectorAll("[data-task]")) {
      const state = this.state(tag.dataset.task, view);
      tag.textContent = state;
      tag.className = `smpls-tag smpls-tag--${CLASS[state]}`;
    }
  }
}
