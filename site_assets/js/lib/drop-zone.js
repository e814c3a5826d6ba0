// A drop zone (the form's 导入, the roll-up's 添加申请书): files dragged onto `zone` or chosen in its file inputs
// go to `onFiles(files, how)` (how: "drop" with the DataTransfer, or "choose" with the input). The zone is marked
// smpls-import--over while something is dragged over it. `inputs`: the file inputs (default: all inside).
export function dropZone(zone, onFiles, inputs = [...zone.querySelectorAll('input[type="file"]')]) {
  for (const input of inputs) {
    input.addEventListener("change", () => {
      const files = [...(input.files || [])];
      onFiles(files, { how: "choose", input });
      input.value = "";
    });
  }
  zone.addEventListener("dragover", (ev) => {
    ev.preventDefault();
    zone.classList.add("smpls-import--over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("smpls-import--over"));
  zone.addEventListener("drop", (ev) => {
    ev.preventDefault();
    zone.classList.remove("smpls-import--over");
    const dt = ev.dataTransfer;
    onFiles([...((dt && dt.files) || [])], { how: "drop", dataTransfer: dt });
  });
}
