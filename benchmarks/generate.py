"""Write a valid synthetic register of N partnerships, the same for the same N and seed.

    python benchmarks/generate.py 100000 benchmarks/out/100k.yaml

The ``dataset``, ``sectors`` and ``sources`` blocks are copied verbatim from the bundled
file, so every sector and source key a record names is defined, and the records look
like the real ones: partial dates written quoted, both summaries, an optional note,
countries drawn from real ISO 3166-1 codes. The output passes ``kerjasama validate``.
Records are written as text, not through ``yaml.dump``, so that generating a million of
them takes seconds and the layout matches the hand-written file.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "data" / "partnerships.yaml"
COPIED_BLOCKS = ("dataset", "sectors", "sources")

#: Real ISO 3166-1 alpha-2 codes; ``ID`` weighs more, as domestic partners do in the register.
COUNTRIES: tuple[str, ...] = (
    *("ID",) * 8,
    "AU", "BE", "BR", "CA", "CH", "CN", "CZ", "DE", "DK", "EG", "ES", "FI", "FR", "GB",
    "IN", "IR", "IT", "JP", "KR", "KZ", "MA", "MX", "MY", "NL", "NO", "NZ", "PH", "PK",
    "PL", "PT", "QA", "RU", "SA", "SE", "SG", "TH", "TR", "UA", "US", "UZ", "VN", "ZA",
)  # fmt: skip
PARTNER_TYPES: tuple[str, ...] = (
    *("city",) * 6,
    "province", "state", "country", "regional-government", "national-agency",
    "international-organisation", "network", "university", "school", "company", "ngo",
)  # fmt: skip
#: Partner types that may be written without a country (see ``vocabulary``).
STATELESS = frozenset({"international-organisation", "network"})
KINDS: tuple[str, ...] = (
    "sister-city", "cooperation", "project", "programme", "grant", "exchange", "membership",
)  # fmt: skip
INSTRUMENTS: tuple[str, ...] = (
    "letter-of-intent", "mou", "agreement", "joint-declaration", "contract",
)  # fmt: skip
STATUSES: tuple[str, ...] = ("active", "active", "planned", "ended", "unknown", "unknown")

SYLLABLES: tuple[str, ...] = (
    "ja", "ka", "ta", "ra", "su", "mi", "no", "be", "lo", "vi", "an", "dor", "sen", "pur",
    "gar", "mel", "ton", "bur", "ley", "ham", "sto", "kel", "rio", "zan", "wa", "ki",
)  # fmt: skip
SUFFIX_BY_TYPE: dict[str, tuple[str, ...]] = {
    "city": ("", "", " City", "burg", "ville"),
    "province": (" Province",),
    "state": (" State",),
    "country": ("",),
    "regional-government": (" Regency", " Provincial Government"),
    "national-agency": (" Agency", " Ministry"),
    "international-organisation": (" Foundation", " Programme", " Bank"),
    "network": (" Network", " Alliance", " Forum"),
    "university": (" University", " Institute of Technology"),
    "school": (" High School", " Academy"),
    "company": (" Corporation", " Ltd", " Group"),
    "ngo": (" Society", " Trust", " Initiative"),
}
TOPICS_ID: tuple[str, ...] = (
    "pengendalian banjir", "air bersih", "transportasi umum", "pengelolaan sampah",
    "pelatihan ASN", "pertukaran budaya", "kota cerdas", "energi terbarukan",
    "ketahanan pangan", "revitalisasi kota tua", "kesehatan masyarakat", "pariwisata",
)  # fmt: skip
TOPICS_EN: tuple[str, ...] = (
    "flood control", "clean water", "public transport", "waste management",
    "civil-service training", "cultural exchange", "smart city", "renewable energy",
    "food security", "old-town revitalisation", "public health", "tourism",
)  # fmt: skip


def top_level_blocks(text: str, names: Sequence[str]) -> str:
    """The text of the named top-level keys of a YAML file, each with its indented body."""
    starts = [(m.group(1), m.start()) for m in re.finditer(r"(?m)^([A-Za-z_]+):", text)]
    bounds = {name: (start, end) for (name, start), (_, end) in zip(starts, [*starts[1:], ("", len(text))], strict=True)}  # fmt: skip
    missing = [n for n in names if n not in bounds]
    if missing:
        raise SystemExit(f"{BUNDLED}: no top-level {', '.join(missing)}")
    return "\n".join(text[bounds[n][0] : bounds[n][1]].rstrip() + "\n" for n in names)


def keys_of_block(block: str) -> list[str]:
    """The keys directly under a top-level mapping (indented by exactly two spaces)."""
    return re.findall(r"(?m)^  ([a-z0-9-]+):", block)


def q(text: str) -> str:
    """A double-quoted YAML scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def partial_date(
    rng: random.Random, first_year: int, last_year: int
) -> tuple[str, tuple[int, ...]]:
    year = rng.randint(first_year, last_year)
    precision = rng.choice((1, 2, 3, 3))
    parts: tuple[int, ...] = (year,)
    if precision >= 2:
        parts += (rng.randint(1, 12),)
    if precision == 3:
        parts += (rng.randint(1, 28),)
    return "-".join(f"{p:02d}" if i else f"{p:04d}" for i, p in enumerate(parts)), parts


def name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def record(rng: random.Random, number: int, sectors: Sequence[str], sources: Sequence[str]) -> str:
    """One partnership, written as the bundled file writes one."""
    partner_type = rng.choice(PARTNER_TYPES)
    partner = name(rng) + rng.choice(SUFFIX_BY_TYPE[partner_type])
    country = None if partner_type in STATELESS and rng.random() < 0.6 else rng.choice(COUNTRIES)
    kind = "sister-city" if partner_type == "city" and rng.random() < 0.5 else rng.choice(KINDS)
    chosen = rng.sample(sectors, rng.randint(1, 4))
    topic = rng.randrange(len(TOPICS_ID))
    lines = [
        f"  - id: synthetic-{number:06d}",
        f"    title: {q(f'Kerja sama Jakarta–{partner} ({TOPICS_ID[topic]})')}",
        f"    partner: {q(partner)}",
        f"    partner_type: {partner_type}",
    ]
    if country is not None:
        lines.append(f"    country: {country}")
    lines.append(f"    kind: {kind}")
    if rng.random() < 0.6:
        lines.append(f"    instrument: {rng.choice(INSTRUMENTS)}")
    lines.append(f"    sectors: [{', '.join(chosen)}]")
    if rng.random() < 0.8:
        signed, parts = partial_date(rng, 1970, 2025)
        lines.append(f"    signed: {q(signed)}")
        if rng.random() < 0.3:
            ends, _ = partial_date(rng, parts[0] + 1, parts[0] + 10)
            lines.append(f"    ends: {q(ends)}")
    lines += [
        f"    status: {rng.choice(STATUSES)}",
        "    summary:",
        f"      id: {q(f'Kerja sama dengan {partner} di bidang {TOPICS_ID[topic]}, nomor {number}.')}",
        f"      en: {q(f'Cooperation with {partner} on {TOPICS_EN[topic]}, number {number}.')}",
    ]
    if rng.random() < 0.15:
        lines += [
            "    note:",
            f"      id: {q('Tanggal penandatanganan tidak pasti.')}",
            f"      en: {q('The signing date is uncertain.')}",
        ]
    lines.append(f"    sources: [{', '.join(rng.sample(sources, rng.randint(1, 3)))}]")
    return "\n".join(lines) + "\n"


def generate(count: int, seed: int = 20240527) -> Iterator[str]:
    """The file, in pieces: header, the copied blocks, then ``count`` records."""
    blocks = top_level_blocks(BUNDLED.read_text(encoding="utf-8"), COPIED_BLOCKS)
    sectors = keys_of_block(top_level_blocks(blocks, ("sectors",)))
    sources = keys_of_block(top_level_blocks(blocks, ("sources",)))
    rng = random.Random(seed)
    yield f"# Synthetic register: {count} records, seed {seed}. Generated; do not edit.\n"
    yield "schema_version: 1\n\n"
    yield blocks
    yield "\npartnerships:\n" if count else "\npartnerships: []\n"
    for number in range(1, count + 1):
        yield record(rng, number, sectors, sources)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("count", type=int, help="number of partnerships")
    parser.add_argument("out", type=Path, help="file to write")
    parser.add_argument("--seed", type=int, default=20240527)
    args = parser.parse_args(argv)
    if args.count < 0:
        parser.error("count must be 0 or more")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="\n") as fh:
        fh.writelines(generate(args.count, args.seed))
    print(f"wrote {args.count} records to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
