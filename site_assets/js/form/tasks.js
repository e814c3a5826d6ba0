// The task list (data-module="form/tasks"): each part of the 申请书 is 未开始, 填写中, 有问题 or 已完成.
import { sectionState } from "./problems.js";

const CLASS = { 未开始: "todo", 填写中: "doing", 有问题: "error", 已完成: "done" };

export class FormTasks {
  static moduleName = "form/tasks";

  constructor(nav, app) {
    this.nav = nav;
    this.app = app;
  }

  render(view) {
    for (const tag of this.nav.querySelectorAll("[data-task]")) {
      const state = sectionState(tag.dataset.task, { ...view, started: view.sections, levels: this.app.model.levels });
      tag.textContent = state;
      tag.className = `smpls-tag smpls-tag--${CLASS[state]}`;
    }
  }
}
