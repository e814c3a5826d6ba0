// A press must end where it began. Pressing a button first takes the focus from the field being typed in; the
// field's check then starts, and its answer can arrive before the button is let go. Drawn at once, the new
// messages and counts move the button (the bar's counts grow beside 检查全部; a message above 下载 pushes it
// down), the release lands elsewhere and the click is lost. So while a pointer is down, drawing waits, and it
// happens once the pointer is up, after the click.

export class PressHold {
  /** @param {() => void} draw what to run once the press is over (when a draw was asked for meanwhile) */
  constructor(draw) {
    this.draw = draw;
    this.pressed = false; // a mouse button or finger is down on the page
    this.redrawOnRelease = false;
    this.release = () => {
      clearTimeout(this.holdTimer);
      if (!this.pressed) return;
      this.pressed = false;
      if (!this.redrawOnRelease) return;
      this.redrawOnRelease = false;
      setTimeout(() => this.draw(), 0); // after the click that this release makes
    };
    document.addEventListener("pointerdown", () => (this.pressed = true), true);
    for (const type of ["pointerup", "pointercancel", "dragstart"]) document.addEventListener(type, this.release, true);
    window.addEventListener("blur", this.release);
  }

  /** True (and the draw kept for later) while a pointer is down; false when drawing may happen now. */
  holding() {
    if (!this.pressed) return false;
    if (!this.redrawOnRelease) this.holdTimer = setTimeout(this.release, 1000); // a press held on, or never let go here
    this.redrawOnRelease = true;
    return true;
  }
}
