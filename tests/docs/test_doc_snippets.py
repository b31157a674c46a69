"""Tests of scripts/doc_snippets.py: what counts as a snippet, what is skipped, and how the
JavaScript harness rewrites a page. Run by `scripts/docs.sh --snippets` (stage `docs`):

    python3 -m unittest discover -s tests/docs
"""

from __future__ import annotations

import importlib.util
import pathlib
import sys
import tempfile
import unittest

ROOT = pathlib.Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("doc_snippets", ROOT / "scripts" / "doc_snippets.py")
assert spec and spec.loader
ds = importlib.util.module_from_spec(spec)
sys.modules["doc_snippets"] = ds
spec.loader.exec_module(ds)

PAGE = """\
# Page

```rust
let a = 1;
```

```sh
make docs
```

1. A list item:

   ```python
   x = 1
   ```

<!-- no-run: a fragment -->
```js
evaluate(x);
```

```rust,ignore
fn run() { ... }
```

````json
{"a": 1}
````

```javascript
console.log(1);
```
"""


class Extract(unittest.TestCase):
    def setUp(self) -> None:
        self.dir = tempfile.TemporaryDirectory(dir=ROOT / "build" if (ROOT / "build").is_dir() else None)
        path = pathlib.Path(self.dir.name) / "page.md"
        path.write_text(PAGE, encoding="utf-8")
        self.snippets = ds.extract(path)

    def tearDown(self) -> None:
        self.dir.cleanup()

    def test_languages_lines_and_skips(self) -> None:
        got = [(s.lang, s.line, s.skipped) for s in self.snippets]
        self.assertEqual(got, [("rust", 3, False), ("python", 13, False), ("js", 18, True), ("rust", 22, True), ("js", 30, False)])

    def test_indented_block_loses_its_indentation(self) -> None:
        self.assertEqual(self.snippets[1].code, "x = 1\n")


class JsRewrite(unittest.TestCase):
    def cell(self, code: str) -> tuple[str, int, set[str]]:
        imports: set[str] = set()
        out, checks = ds.js_cell(ds.Snippet("p.md", 1, "js", [], code), imports)
        return out, checks, imports

    def test_import_and_init_become_the_harness_binding(self) -> None:
        out, _, imports = self.cell('import init, { evaluate, orgnr } from "asf";   // comment\nawait init();\n')
        self.assertEqual(imports, {"evaluate", "orgnr"})
        self.assertEqual(out.strip(), "")

    def test_a_json_comment_is_checked_and_prose_is_not(self) -> None:
        out, checks, _ = self.cell(
            'console.log(a.b, c); // false "2027-03-01"\n'
            "x.y; // [\"G3\"]\n"
            "engine.load(t); // text or a plain object\n"
            "const z = f(); // 1\n"
        )
        self.assertEqual(checks, 2)
        lines = out.split("\n")
        self.assertEqual(lines[0], '__check("p.md:2", [a.b, c], [false, "2027-03-01"]);')
        self.assertEqual(lines[1], '__check("p.md:3", [x.y], [["G3"]]);')
        self.assertEqual(lines[2], "engine.load(t); // text or a plain object")
        self.assertEqual(lines[3], "const z = f(); // 1")

    def test_json_values(self) -> None:
        self.assertEqual(ds.json_values('true "a b" 24'), [True, "a b", 24])
        self.assertIsNone(ds.json_values("an eForms notice"))
        self.assertIsNone(ds.json_values('"x" then prose'))


class RustWrap(unittest.TestCase):
    def test_body_goes_into_a_main_returning_result(self) -> None:
        src = ds.rust_source(ds.Snippet("p.md", 1, "rust", [], "let a = f()?;\n"))
        self.assertIn("fn main() -> Result<(), Box<dyn std::error::Error>> {\n    let a = f()?;\n    Ok(())\n}", src)

    def test_a_snippet_with_its_own_main_is_kept(self) -> None:
        code = "fn main() {}\n"
        self.assertEqual(ds.rust_source(ds.Snippet("p.md", 1, "rust", [], code)), code)


class Corpus(unittest.TestCase):
    def test_every_page_is_scanned_and_skips_stay_rare(self) -> None:
        snippets = ds.all_snippets()
        files = {s.file for s in snippets}
        self.assertIn("README.md", files)
        self.assertIn("docs/operations/orgnr.parse.md", files)
        for lang in ds.LANGS:
            mine = [s for s in snippets if s.lang == lang]
            self.assertGreaterEqual(len(mine), 15, lang)
            self.assertLessEqual(sum(s.skipped for s in mine), 3, f"{lang}: too many no-run snippets")


if __name__ == "__main__":
    unittest.main()
