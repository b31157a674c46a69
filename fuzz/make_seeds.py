#!/usr/bin/env python3
"""Writes the seed inputs of the fuzz targets' committed corpus from the conformance vectors
and the reader fixtures, and the dictionary. Run from anywhere: `python3 fuzz/make_seeds.py`.
Deterministic; the file names are content hashes, as libFuzzer names the inputs it adds.
Inputs already in the corpus (such as those merged from a fuzzing run, see
docs/robustness.md) are kept."""

from __future__ import annotations

import gzip
import hashlib
import json
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[1]
CORPUS = ROOT / "fuzz" / "corpus"

# The order of asf_core::operations(); the evaluate target picks one with the first byte.
# Read from the core, so the seeds follow when an operation is added.
OPERATIONS = json.loads(
    subprocess.run(
        ["cargo", "run", "-q", "-p", "asf-core", "--example", "catalogue"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
)["operations"]


def write(target: str, data: bytes) -> None:
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)


def evaluate_seeds() -> None:
    for f in sorted((ROOT / "tests" / "vectors").glob("*/*.json")):
        op = f.parent.name
        vector = json.loads(f.read_text(encoding="utf-8"))
        if "request" not in vector:
            continue
        text = json.dumps(vector["request"], ensure_ascii=False, separators=(",", ":"))
        write("evaluate", bytes([OPERATIONS.index(op)]) + text.encode("utf-8"))


def ledger_seeds() -> None:
    sample = (ROOT / "examples" / "data" / "ledger_sample.csv").read_text(encoding="utf-8")
    head = "".join(sample.splitlines(keepends=True)[:12])
    write("ledger_read", head.encode("utf-8"))
    write("ledger_read", b"\xef\xbb\xbf" + head.replace("\n", "\r\n").encode("utf-8"))
    write("ledger_read", b"\xff\xfe" + head.encode("utf-16-le"))
    write("ledger_read", b"\xfe\xff" + head.replace("\n", "\r").encode("utf-16-be"))
    write("ledger_read", (ROOT / "asf-core" / "tests" / "data" / "vgr_sample.csv").read_bytes())
    write(
        "ledger_read",
        "leverantor_id,leverantor,forvaltning,konto_nr,bokforingsdatum,nettobelopp\n"
        '556016-0680,"Ett, AB",Kultur,7599,2025-03-01,"1234.50"\n'
        "556016-0680,Ett AB,Kultur,7599,2025-02-30,-234.505\n"
        "\n"
        "x,y\n"
        "19121212-1212,Enskild,Vård,4010,1899-12-31,99999999999999999999\n".encode("utf-8"),
    )
    write(
        "ledger_read",
        "Leverantörsnummer\tLeverantörsnamn\tFörvaltning\tKonto\tBokföringsdatum\tBelopp\n"
        "123\tIntern AB\tSkola\t4010\t2025-01-31\t1 000,00\n".encode("utf-8"),
    )


def procurement_seeds() -> None:
    data = ROOT / "asf-core" / "tests" / "data" / "procurements"
    csv = (data / "upphandlingsmyndigheten" / "reserved_procurements_2021.csv").read_bytes()
    head = b"".join(csv.splitlines(keepends=True)[:8])
    write("procurements_read", head)
    write("procurements_read", gzip.compress(head, mtime=0))
    write("procurements_read", head.decode("utf-8").encode("cp1252", errors="replace"))
    write("procurements_read", (data / "ocds" / "release-package-reserved.json").read_bytes())
    for name in ["cn_24_minimal.xml", "pin-cfc-social_24.xml", "INVALID_cn_24_stage-2.xml"]:
        write("procurements_read", (data / "eforms" / "notices" / name).read_bytes())


def keys(value: object, out: set[str]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            out.add(k)
            keys(v, out)
    elif isinstance(value, list):
        for v in value:
            keys(v, out)


def dictionary() -> None:
    """A libFuzzer dictionary: JSON tokens, every request field name of the vectors, the
    ledger column names and a few values that sit on boundaries."""
    names: set[str] = set()
    for f in (ROOT / "tests" / "vectors").glob("*/*.json"):
        keys(json.loads(f.read_text(encoding="utf-8")).get("request"), names)
    tokens = ['"{"', '"}"', '"["', '"]"', '":"', '","', '"null"', '"true"', '"false"', '"\\""',
              '"1e400"', '"-0"', '"NaN"', '"2024-02-29"', '"556016-0680"', '";"', '"\\x09"', '"\\x0d\\x0a"']
    tokens += ['"\\"%s\\":"' % n for n in sorted(names)]
    tokens += ['"%s"' % c for c in ["leverantor_id", "leverantor", "forvaltning", "konto_nr",
                                     "bokforingsdatum", "nettobelopp", "<cbc:", "ReservedProcurement"]]
    (ROOT / "fuzz" / "json.dict").write_text("\n".join(tokens) + "\n", encoding="utf-8")


def main() -> None:
    evaluate_seeds()
    ledger_seeds()
    procurement_seeds()
    dictionary()
    for d in sorted(CORPUS.iterdir()):
        files = list(d.iterdir())
        print(f"{d.name}: {len(files)} inputs, {sum(f.stat().st_size for f in files)} bytes")


if __name__ == "__main__":
    main()
