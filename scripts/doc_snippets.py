#!/usr/bin/env python3
"""Runs every code snippet of the documentation: ```rust, ```python and ```js blocks in
README.md and docs/**/*.md. `scripts/test.sh docs` runs it after the wheel, the wasm
package and the test venv exist.

    scripts/doc_snippets.py                 every language
    scripts/doc_snippets.py --lang python   one language (rust, python, js)
    scripts/doc_snippets.py --list          list the snippets, run nothing

How each language runs (from the repository root, so relative paths such as
examples/data/ledger_sample.csv work):

- Rust: each snippet is one doctest, compiled by rustdoc against the asf-core built by
  `cargo test --workspace` (no rebuild). The snippet body goes into
  `fn main() -> Result<(), Box<dyn std::error::Error>>`, so `?` works. Lines starting with
  `# ` are hidden by mdBook and compiled, as in rustdoc.
- Python: the snippets of one page are cells of one program, run in order in the test venv
  (build/py-test, with the built wheel): a later cell sees the names of earlier ones.
- JavaScript: the snippets of one page are one ES module run by Node against
  asf-wasm/pkg/index.js. `import init, { ... } from "asf"` is rewritten to import the
  package and `await init()` to `initSync` (the docs show what a browser user writes). A
  relative `fetch("path")` reads the file under the repository root, as a page served from
  it would. `console.assert` throws. A line `console.log(a, b); // v1 v2` or
  `expr; // v` whose comment is a sequence of JSON values is checked: each value printed
  must equal (as JSON) the one in the comment.

A snippet that cannot run standalone is marked: ```rust,ignore (or ```python,no-run,
```js,no-run), or an HTML comment `<!-- no-run: reason -->` on the line before the fence.
The runner prints how many snippets it ran and skipped, and a closing line
`docs snippets: N passed, N failed, N skipped`.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field

ROOT = pathlib.Path(__file__).resolve().parents[1]
OUT = ROOT / "build" / "doc-snippets"
LANGS = ("rust", "python", "js")
SKIP_ATTRS = {"ignore", "no-run", "no_run", "norun"}
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*([^`\s]*)\s*$")
NO_RUN_COMMENT = re.compile(r"^\s*<!--\s*no-run\b.*-->\s*$")


@dataclass
class Snippet:
    file: str  # relative to the repository root
    line: int  # line of the opening fence, 1-based
    lang: str
    attrs: list[str]
    code: str
    skipped: bool = False

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class Result:
    passed: list[Snippet] = field(default_factory=list)
    failed: list[tuple[Snippet, str]] = field(default_factory=list)
    skipped: list[Snippet] = field(default_factory=list)


def doc_files() -> list[pathlib.Path]:
    files = [ROOT / "README.md"]
    files += sorted(p for p in (ROOT / "docs").rglob("*.md") if "book" not in p.relative_to(ROOT / "docs").parts[:1])
    return files


def extract(path: pathlib.Path) -> list[Snippet]:
    """Fenced blocks of the three languages, with their indentation removed."""
    lines = path.read_text(encoding="utf-8").split("\n")
    rel = str(path.relative_to(ROOT))
    out: list[Snippet] = []
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, info = m.group(1), m.group(2), m.group(3)
        j = i + 1
        while j < len(lines) and not re.match(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$", lines[j]):
            j += 1
        parts = [p for p in re.split(r"[,\s]+", info) if p]
        lang = parts[0] if parts else ""
        if lang in ("javascript", "mjs"):
            lang = "js"
        if lang in LANGS:
            body = [ln[len(indent):] if ln.startswith(indent) else ln.lstrip() for ln in lines[i + 1 : j]]
            prev = next((lines[k] for k in range(i - 1, -1, -1) if lines[k].strip()), "")
            skipped = bool(SKIP_ATTRS.intersection(parts[1:])) or bool(NO_RUN_COMMENT.match(prev))
            out.append(Snippet(rel, i + 1, lang, parts[1:], "\n".join(body) + "\n", skipped))
        i = j + 1
    return out


def all_snippets() -> list[Snippet]:
    return [s for f in doc_files() for s in extract(f)]


def by_page(snippets: list[Snippet]) -> dict[str, list[Snippet]]:
    pages: dict[str, list[Snippet]] = {}
    for s in snippets:
        pages.setdefault(s.file, []).append(s)
    return pages


# ---------------------------------------------------------------------------------- Rust


def rust_externs() -> tuple[list[str], str]:
    """--extern flags for the crates a snippet may name, from the `cargo test --workspace`
    build (the rust stage's, so nothing is rebuilt)."""
    proc = subprocess.run(
        ["cargo", "test", "--locked", "--workspace", "--no-run", "--message-format=json", "-q"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"cargo test --no-run failed:\n{proc.stderr}")
    wanted = {"asf_core", "serde_json", "rust_decimal", "chrono"}
    found: dict[str, str] = {}
    deps_dir = ""
    for line in proc.stdout.splitlines():
        try:
            msg = json.loads(line)
        except json.JSONDecodeError:
            continue
        if msg.get("reason") != "compiler-artifact" or msg["profile"]["test"]:
            continue
        name = msg["target"]["name"].replace("-", "_")
        if name in wanted and "lib" in msg["target"]["kind"]:
            for f in msg["filenames"]:
                if f.endswith(".rlib"):
                    found[name] = f
                    deps_dir = str(pathlib.Path(f).parent)
    missing = wanted - set(found)
    if missing:
        raise SystemExit(f"no rlib found for {sorted(missing)}")
    flags = [a for n, f in sorted(found.items()) for a in ("--extern", f"{n}={f}")]
    return flags, deps_dir


def rust_source(s: Snippet) -> str:
    if re.search(r"^\s*(pub\s+)?fn\s+main\s*\(", s.code, re.M):
        return s.code
    body = "".join(f"    {ln}\n" if ln.strip() else "\n" for ln in s.code.rstrip("\n").split("\n"))
    return (
        "#[allow(unused_variables, unused_imports, unused_mut, clippy::all)]\n"
        "fn main() -> Result<(), Box<dyn std::error::Error>> {\n"
        f"{body}"
        "    Ok(())\n"
        "}\n"
    )


def run_rust(snippets: list[Snippet], res: Result) -> None:
    todo = [s for s in snippets if not s.skipped]
    res.skipped += [s for s in snippets if s.skipped]
    if not todo:
        return
    externs, deps_dir = rust_externs()
    out = OUT / "rust"
    out.mkdir(parents=True, exist_ok=True)
    # One markdown file per snippet: rustdoc names the test after the file and the heading.
    for n, s in enumerate(todo):
        md = out / f"snippet{n:03}.md"
        md.write_text(f"# {s.where}\n\n```rust\n{rust_source(s)}```\n", encoding="utf-8")
        proc = subprocess.run(
            ["rustdoc", "--edition", "2021", "--test", str(md), "-L", f"dependency={deps_dir}", *externs,
             "--test-args", "--quiet"],
            cwd=ROOT, capture_output=True, text=True, check=False,
        )
        if proc.returncode == 0:
            res.passed.append(s)
            print(f"  ok    rust    {s.where}")
        else:
            res.failed.append((s, proc.stdout + proc.stderr))
            print(f"  FAIL  rust    {s.where}")


# -------------------------------------------------------------------------------- Python

PY_DRIVER = r'''
import json, sys, traceback
cells = json.load(open(sys.argv[1], encoding="utf-8"))
ns = {"__name__": "__main__"}
for where, filename, code in cells:
    try:
        exec(compile(code, filename, "exec"), ns)
    except BaseException:
        print("FAILED " + where, flush=True)
        traceback.print_exc()
        sys.exit(1)
    print("PASSED " + where, flush=True)
'''


def run_python(snippets: list[Snippet], res: Result) -> None:
    python = ROOT / "build" / "py-test" / "bin" / "python"
    if not python.exists():
        raise SystemExit("build/py-test is missing: run `scripts/test.sh python` first")
    out = OUT / "python"
    out.mkdir(parents=True, exist_ok=True)
    driver = out / "driver.py"
    driver.write_text(PY_DRIVER, encoding="utf-8")
    for n, (page, cells) in enumerate(by_page(snippets).items()):
        res.skipped += [s for s in cells if s.skipped]
        run = [s for s in cells if not s.skipped]
        if not run:
            continue
        # The source is padded so that a traceback's line numbers are the page's.
        data = [[s.where, s.file, "\n" * s.line + s.code] for s in run]
        cells_file = out / f"page{n:03}.json"
        cells_file.write_text(json.dumps(data), encoding="utf-8")
        proc = subprocess.run([str(python), str(driver), str(cells_file)], cwd=ROOT,
                              capture_output=True, text=True, check=False, timeout=300)
        report_cells(run, "python", proc, res)


def report_cells(run: list[Snippet], lang: str, proc: subprocess.CompletedProcess, res: Result) -> None:
    passed = {ln.split(" ", 1)[1] for ln in proc.stdout.splitlines() if ln.startswith("PASSED ")}
    for order, s in enumerate(run, start=1):
        if s.where in passed:
            res.passed.append(s)
            print(f"  ok    {lang:<7} {s.where}")
        else:
            res.failed.append((s, proc.stdout + proc.stderr))
            print(f"  FAIL  {lang:<7} {s.where}")
            for rest in run[order:]:
                res.failed.append((rest, f"not run: an earlier snippet of {s.file} failed"))
                print(f"  FAIL  {lang:<7} {rest.where} (not run: an earlier snippet failed)")
            return


# ---------------------------------------------------------------------------- JavaScript

IMPORT = re.compile(r'^\s*import\s+(.*?)\s+from\s+["\']asf["\'];?\s*(//.*)?$')
INIT = re.compile(r"^\s*await\s+init\(\s*\);?\s*(//.*)?$")
CHECK_LOG = re.compile(r"^(\s*)console\.log\((.*)\);\s*//\s*(.+?)\s*$")
CHECK_EXPR = re.compile(r"^(\s*)([A-Za-z_$][^=;]*?);\s*//\s*(.+?)\s*$")
JS_KEYWORDS = ("const ", "let ", "var ", "for ", "for(", "if ", "if(", "return", "import ", "await ", "throw ")

JS_PRELUDE = """\
import { readFileSync as __readFileSync } from "node:fs";
import { isDeepStrictEqual as __equal } from "node:util";
import * as __asf from %(pkg)s;
__asf.initSync(__readFileSync(%(wasm)s));
globalThis.fetch = async (url) => {
  const bytes = __readFileSync(new URL(String(url), %(root)s));
  return { ok: true, status: 200, text: async () => bytes.toString("utf8"), json: async () => JSON.parse(bytes.toString("utf8")),
           arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) };
};
console.assert = (ok, ...msg) => { if (!ok) throw new Error(`console.assert failed ${msg.join(" ")}`); };
function __check(where, actual, expected) {
  const norm = (v) => JSON.parse(JSON.stringify(v === undefined ? null : v));
  if (actual.length !== expected.length || !actual.every((a, i) => __equal(norm(a), expected[i]))) {
    throw new Error(`${where}: printed ${actual.map((a) => JSON.stringify(a)).join(" ")}, the doc says ${expected.map((e) => JSON.stringify(e)).join(" ")}`);
  }
}
"""


def json_values(text: str) -> list | None:
    """The comment as a sequence of JSON values, or None when it is prose."""
    dec = json.JSONDecoder()
    vals, i = [], 0
    text = text.strip()
    while i < len(text):
        try:
            v, j = dec.raw_decode(text, i)
        except json.JSONDecodeError:
            return None
        vals.append(v)
        i = j
        while i < len(text) and text[i] == " ":
            i += 1
    return vals or None


def js_cell(s: Snippet, imports: set[str]) -> tuple[str, int]:
    """The cell's code with the package import and init rewritten; the number of checks."""
    out, checks = [], 0
    for n, ln in enumerate(s.code.rstrip("\n").split("\n")):
        where = f"{s.file}:{s.line + 1 + n}"
        m = IMPORT.match(ln)
        if m:
            clause = m.group(1)
            named = re.search(r"\{(.*)\}", clause)
            if named:
                imports.update(x.strip() for x in named.group(1).split(",") if x.strip())
            star = re.match(r"\*\s+as\s+(\w+)", clause)
            out.append(f"const {star.group(1)} = __asf;" if star else "")
            continue
        if INIT.match(ln):
            out.append("")
            continue
        m = CHECK_LOG.match(ln) or CHECK_EXPR.match(ln)
        if m and not m.group(2).lstrip().startswith(JS_KEYWORDS):
            expected = json_values(m.group(3))
            if expected is not None:
                out.append(f"{m.group(1)}__check({json.dumps(where)}, [{m.group(2)}], {json.dumps(expected)});")
                checks += 1
                continue
        out.append(ln)
    return "\n".join(out), checks


def run_js(snippets: list[Snippet], res: Result) -> None:
    pkg = ROOT / "asf-wasm" / "pkg"
    if not (pkg / "index.js").exists():
        raise SystemExit("asf-wasm/pkg is missing: run `scripts/test.sh wasm` first")
    out = OUT / "js"
    out.mkdir(parents=True, exist_ok=True)
    for n, (page, cells) in enumerate(by_page(snippets).items()):
        res.skipped += [s for s in cells if s.skipped]
        run = [s for s in cells if not s.skipped]
        if not run:
            continue
        imports: set[str] = set()
        bodies = []
        for s in run:
            code, _ = js_cell(s, imports)
            # Not a block: cells share names (`out` in one, used in the next).
            bodies.append(f"// ---- {s.where}\n{code}\nconsole.log({json.dumps('PASSED ' + s.where)});\n")
        names = sorted(i for i in imports if i != "init")
        head = JS_PRELUDE % {
            "pkg": json.dumps((pkg / "index.js").as_uri()),
            "wasm": json.dumps(str(pkg / "asf_wasm_bg.wasm")),
            "root": json.dumps(ROOT.as_uri() + "/"),
        }
        if names:
            head += f"const {{ {', '.join(names)} }} = __asf;\n"
        mod = out / f"page{n:03}.mjs"
        mod.write_text(head + "\n".join(bodies), encoding="utf-8")
        proc = subprocess.run(["node", str(mod)], cwd=ROOT, capture_output=True, text=True, check=False, timeout=300)
        report_cells(run, "js", proc, res)


# ---------------------------------------------------------------------------------- main


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lang", choices=LANGS, action="append")
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args()
    langs = args.lang or list(LANGS)
    snippets = all_snippets()
    if args.list:
        for s in snippets:
            print(f"{s.lang:<7} {'skip' if s.skipped else 'run ':<5} {s.where}")
        return 0
    res = Result()
    runners = {"rust": run_rust, "python": run_python, "js": run_js}
    for lang in langs:
        mine = [s for s in snippets if s.lang == lang]
        print(f"{lang}: {len(mine)} snippets ({sum(s.skipped for s in mine)} marked no-run)")
        runners[lang](mine, res)
    for s, why in res.failed:
        print(f"\n==== FAILED {s.lang} snippet at {s.where}\n{s.code}---- output\n{why.strip()}\n", file=sys.stderr)
    for s in res.skipped:
        print(f"  skip  {s.lang:<7} {s.where}")
    per = ", ".join(
        f"{lang} {sum(1 for s in res.passed if s.lang == lang)} ran/{sum(1 for s in res.skipped if s.lang == lang)} skipped"
        for lang in langs
    )
    print(f"\n{per}")
    print(f"docs snippets: {len(res.passed)} passed, {len(res.failed)} failed, {len(res.skipped)} skipped")
    return 1 if res.failed else 0


if __name__ == "__main__":
    sys.exit(main())
