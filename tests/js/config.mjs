// The form's page config, as the build writes it (site_assets/hooks/form.py page_config, from smpls.fields):
// the node tests read the real one, never a hand-kept copy.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const PYTHON = existsSync(join(ROOT, ".venv", "bin", "python")) ? join(ROOT, ".venv", "bin", "python") : "python3";

const SCRIPT = `
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("form_hook", "site_assets/hooks/form.py")
m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
json.dump(m.page_config(), sys.stdout, ensure_ascii=False)
`;

export const config = JSON.parse(
  execFileSync(PYTHON, ["-c", SCRIPT], { cwd: ROOT, encoding: "utf-8", env: { ...process.env, PYTHONPATH: join(ROOT, "pysrc") } }),
);

/** What a Python snippet (run with pysrc on the path) prints as JSON, given `input` as JSON on stdin. */
export function pythonJson(script, input) {
  return JSON.parse(
    execFileSync(PYTHON, ["-c", script], {
      cwd: ROOT, input: JSON.stringify(input), encoding: "utf-8", env: { ...process.env, PYTHONPATH: join(ROOT, "pysrc") },
    }),
  );
}

/** The named example drafts (examples/*.json). */
export { readFileSync } from "node:fs";
