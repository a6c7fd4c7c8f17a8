#!/usr/bin/env python3
"""Generates Sources/ClienteleCore/Values/UTS46Table.swift, the IDNA table of EmailAddress.

Sources (Unicode 17.0.0 throughout):

- The UTS #46 IDNA Mapping Table (https://www.unicode.org/reports/tr46/, IdnaMappingTable.txt)
  as shipped in the Python `idna` 3.13 package, file `idna/uts46data.py` (BSD-3-Clause,
  data under the Unicode License v3).
- The IDNA2008 derived property values (RFC 5892: PVALID, CONTEXTJ, CONTEXTO), the
  joining types (ArabicShaping.txt) and the scripts Greek, Hebrew, Hiragana, Katakana
  and Han, from the same package's `idna/idnadata.py`.
- The bidirectional class (RFC 5893), general category (marks) and canonical combining
  class (virama = 9) from the Unicode Character Database 17.0.0 through the PyPI package
  `unicodedata2` 17.0.0, because Swift exposes no bidi class and the Python in use may
  carry an older Unicode version.

Get the inputs and run (from the repository root):

    pip download --no-deps --no-binary :all: idna==3.13 -d /tmp/idna
    tar xzf /tmp/idna/idna-3.13.tar.gz -C /tmp/idna
    pip install --target /tmp/idna/ud2 unicodedata2==17.0.0
    PYTHONPATH=/tmp/idna/ud2 python3 Scripts/generate-uts46.py /tmp/idna/idna-3.13/idna

Processing choices baked into the table (the Python `idna` package with uts46=True,
transitional=False): deviation characters (ß, ς, ZWNJ, ZWJ) are kept, not mapped; a code
point that UTS #46 calls valid is valid here only if IDNA2008 calls it PVALID, CONTEXTJ
or CONTEXTO (otherwise it is kept by the mapping and refused after normalization);
everything else that is not mapped or ignored is disallowed.

Table layout (all little-endian UInt32, base64 in the Swift file):
- `starts`: the first code point of each range, ascending; range i ends before starts[i+1].
- `values`: one word per range; bits 0-2 the kind (see KIND below);
  valid/contextJ/contextO: bits 3-7 bidi class, 8 mark, 9 virama, 10-12 joining type,
  13-15 script; mappedDelta: bits 3-31 the signed offset to add to the code point;
  mappedString: bits 3-7 the length, bits 8-31 the offset into `mappings`.
- `mappings`: the code points of the multi-code-point mappings.
"""

import base64
import importlib.util
import os
import struct
import sys

import unicodedata2 as ucd

KIND = {"disallowed": 0, "valid": 1, "contextJ": 2, "contextO": 3, "ignored": 4, "mappedDelta": 5, "mappedString": 6,
        "keptNotPermitted": 7}
BIDI = ["L", "R", "AL", "EN", "ES", "ET", "AN", "CS", "NSM", "BN", "B", "S", "WS", "ON",
        "LRE", "LRO", "RLE", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"]
JOINING = {None: 0, "T": 1, "L": 2, "D": 3, "R": 4, "C": 5, "U": 0}
SCRIPTS = ["Greek", "Hebrew", "Hiragana", "Katakana", "Han"]  # 1...5; 0 is any other


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def in_ranges(cp, ranges):
    return any((r >> 32) <= cp < (r & 0xFFFFFFFF) for r in ranges)


def main():
    package = sys.argv[1]
    uts46 = load(os.path.join(package, "uts46data.py"), "uts46data")
    idnadata = load(os.path.join(package, "idnadata.py"), "idnadata")
    assert uts46.__version__ == "17.0.0" and idnadata.__version__ == "17.0.0", "expected Unicode 17.0.0 data"
    assert ucd.unidata_version == "17.0.0", "expected unicodedata2 17.0.0"
    rows = uts46.uts46data
    classes = idnadata.codepoint_classes
    joining = idnadata.joining_types()
    expanded_classes = {}
    for name in ("PVALID", "CONTEXTJ", "CONTEXTO"):
        for r in classes[name]:
            for cp in range(r >> 32, r & 0xFFFFFFFF):
                expanded_classes[cp] = name
    script_of = {}
    for number, name in enumerate(SCRIPTS, 1):
        for r in idnadata.scripts[name]:
            for cp in range(r >> 32, r & 0xFFFFFFFF):
                script_of[cp] = number

    mappings = []
    mapping_offsets = {}
    entries = []  # (start, value)
    row = 0
    for cp in range(0x110000):
        while row + 1 < len(rows) and rows[row + 1][0] <= cp:
            row += 1
        status = rows[row][1]
        replacement = rows[row][2] if len(rows[row]) == 3 else None
        if status in ("V", "D"):  # deviations kept: nontransitional processing
            # Valid in UTS #46 but not in IDNA2008 (symbols, conjoining jamo, ASCII punctuation):
            # kept by the mapping, because normalization may still compose it into a PVALID
            # code point (jamo into a Hangul syllable), and refused if still there afterwards.
            kind = {"PVALID": "valid", "CONTEXTJ": "contextJ", "CONTEXTO": "contextO"}.get(
                expanded_classes.get(cp), "keptNotPermitted")
        elif status == "M":
            kind = "mappedDelta" if len(replacement) == 1 else "mappedString"
        elif status == "I":
            kind = "ignored"
        else:
            assert status == "X", f"unexpected status {status} at {cp:X}"
            kind = "disallowed"
        value = KIND[kind]
        if kind in ("valid", "contextJ", "contextO"):
            char = chr(cp)
            bidi = BIDI.index(ucd.bidirectional(char))
            mark = 1 if ucd.category(char).startswith("M") else 0
            virama = 1 if ucd.combining(char) == 9 else 0
            jt = joining.get(cp)
            join = JOINING[chr(jt) if jt is not None else None]
            value |= bidi << 3 | mark << 8 | virama << 9 | join << 10 | script_of.get(cp, 0) << 13
        elif kind == "mappedDelta":
            delta = ord(replacement) - cp
            assert -(1 << 28) <= delta < (1 << 28)
            value |= (delta & 0x1FFFFFFF) << 3
        elif kind == "mappedString":
            if replacement not in mapping_offsets:
                mapping_offsets[replacement] = len(mappings)
                mappings.extend(ord(c) for c in replacement)
            assert len(replacement) < 32 and mapping_offsets[replacement] < (1 << 24)
            value |= len(replacement) << 3 | mapping_offsets[replacement] << 8
        if not entries or entries[-1][1] != value:
            entries.append((cp, value))

    def b64(words):
        data = base64.b64encode(struct.pack(f"<{len(words)}I", *words)).decode("ascii")
        return "\n".join(data[i:i + 100] for i in range(0, len(data), 100))

    starts = [e[0] for e in entries]
    values = [e[1] for e in entries]
    out = os.path.join(os.path.dirname(__file__), "..", "Sources", "ClienteleCore", "Values", "UTS46Table.swift")
    with open(out, "w", encoding="utf-8") as f:
        f.write(f"""// Generated by Scripts/generate-uts46.py from the Python `idna` 3.13 package
// (`idna/uts46data.py`: UTS #46 IDNA Mapping Table, Unicode 17.0.0; `idna/idnadata.py`:
// RFC 5892 code point classes, joining types, scripts) and the Unicode Character Database
// 17.0.0 (bidi classes, marks, virama; via `unicodedata2` 17.0.0). Do not edit by hand.
// Data: Unicode License v3; the `idna` package: BSD-3-Clause.
// {len(entries)} ranges, {len(mappings)} mapping code points.

extension UTS46 {{
    /// The first code point of each range, ascending (little-endian UInt32, base64).
    static let startsBase64 = \"\"\"
{b64(starts)}
\"\"\"

    /// One word per range: kind and properties or mapping (little-endian UInt32, base64).
    static let valuesBase64 = \"\"\"
{b64(values)}
\"\"\"

    /// The code points of the mappings to more than one code point (little-endian UInt32, base64).
    static let mappingsBase64 = \"\"\"
{b64(mappings)}
\"\"\"
}}
""")
    print(f"{len(entries)} ranges, {len(mappings)} mapping code points -> {os.path.normpath(out)}")


if __name__ == "__main__":
    main()
