"""Bahasa Indonesia and English: language choice, labels of the vocabularies, messages.

Every human-facing string lives here, once per language, so a test can check that no
key lacks a translation. Machine formats never go through this module.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import TypeVar

from .vocabulary import Instrument, Kind, PartnerType, Scope, Status


class Lang(StrEnum):
    ID = "id"
    EN = "en"


def language_from_env(env: Mapping[str, str] | None = None) -> Lang:
    """``KERJASAMA_LANG``, else the POSIX locale variables: Indonesian where they begin with ``id``."""
    env = os.environ if env is None else env
    explicit = env.get("KERJASAMA_LANG", "").strip().lower()
    if explicit in ("id", "en"):
        return Lang(explicit)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return Lang.ID if value.lower().startswith("id") else Lang.EN
    return Lang.EN


def language_from_argv(argv: Sequence[str], env: Mapping[str, str] | None = None) -> Lang:
    """The language before Typer parses anything, so help text can be translated.

    ``--lang`` on the command line beats the environment; an invalid value is left
    for the real parser to reject.
    """
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value is not None and value.lower() in ("id", "en"):
            return Lang(value.lower())
    return language_from_env(env)


def normalize(text: str) -> str:
    """Fold case, accents and separators, so ``Jépang``, ``jepang`` and ``JEPANG`` match."""
    folded = text.casefold()
    if not folded.isascii():  # NFKD leaves ASCII as it is: only the rest pays for it
        import unicodedata

        folded = unicodedata.normalize("NFKD", folded).translate(_NO_COMBINING)
    return " ".join(folded.replace("-", " ").replace("_", " ").split())


class _CombiningMarks(dict[int, int | None]):
    """A ``str.translate`` table that drops combining marks (accents), learnt one character
    at a time: a large register folds millions of characters, but few distinct ones."""

    def __missing__(self, code: int) -> int | None:
        import unicodedata

        value = None if unicodedata.combining(chr(code)) else code
        self[code] = value
        return value


_NO_COMBINING = _CombiningMarks()


# --- labels of the fixed vocabularies -------------------------------------------------

#: value -> (Indonesian label, English label, extra aliases)
Label = tuple[str, str, tuple[str, ...]]

KIND_LABELS: dict[Kind, Label] = {
    Kind.SISTER_CITY: (
        "kota kembar",
        "sister city",
        (
            "sister cities",
            "sister province",
            "sister state",
            "provinsi kembar",
            "twin city",
            "kota bersaudara",
        ),
    ),
    Kind.COOPERATION: ("kerja sama", "cooperation", ("kerjasama", "co-operation", "partnership")),
    Kind.PROJECT: ("proyek", "project", ("projek", "projects")),
    Kind.PROGRAMME: ("program", "programme", ("program kerja", "programmes", "programs")),
    Kind.GRANT: ("hibah", "grant", ("bantuan keuangan", "financial aid", "grants")),
    Kind.EXCHANGE: ("pertukaran", "exchange", ("magang", "internship", "exchanges")),
    Kind.MEMBERSHIP: ("keanggotaan", "membership", ("anggota", "member")),
}

STATUS_LABELS: dict[Status, Label] = {
    Status.ACTIVE: ("aktif", "active", ("berjalan", "ongoing")),
    Status.PLANNED: ("direncanakan", "planned", ("rencana", "penjajakan", "exploratory")),
    Status.ENDED: ("berakhir", "ended", ("selesai", "finished", "closed")),
    Status.UNKNOWN: ("tidak diketahui", "unknown", ("tidak jelas", "belum diketahui")),
}

PARTNER_TYPE_LABELS: dict[PartnerType, Label] = {
    PartnerType.CITY: ("kota", "city", ("cities",)),
    PartnerType.PROVINCE: ("provinsi", "province", ("provinces", "region")),
    PartnerType.STATE: ("negara bagian", "state", ("states",)),
    PartnerType.COUNTRY: ("negara", "country", ("countries",)),
    PartnerType.REGIONAL_GOVERNMENT: (
        "pemerintah daerah",
        "regional government",
        ("pemda", "local government"),
    ),
    PartnerType.NATIONAL_AGENCY: ("lembaga nasional", "national agency", ("agency", "lembaga")),
    PartnerType.INTERNATIONAL_ORGANISATION: (
        "organisasi internasional",
        "international organisation",
        ("international organization", "organisasi"),
    ),
    PartnerType.NETWORK: ("jaringan", "network", ("networks", "forum")),
    PartnerType.UNIVERSITY: ("universitas", "university", ("perguruan tinggi", "universities")),
    PartnerType.SCHOOL: ("sekolah", "school", ("schools",)),
    PartnerType.COMPANY: ("perusahaan", "company", ("bumd", "companies", "enterprise")),
    PartnerType.NGO: (
        "lembaga swadaya masyarakat",
        "non-governmental organisation",
        ("lsm", "ornop", "non-governmental organization"),
    ),
}

INSTRUMENT_LABELS: dict[Instrument, Label] = {
    Instrument.LETTER_OF_INTENT: (
        "surat pernyataan kehendak",
        "letter of intent",
        ("loi", "surat minat"),
    ),
    Instrument.MOU: (
        "nota kesepahaman",
        "memorandum of understanding",
        ("memorandum", "mou"),
    ),
    Instrument.AGREEMENT: (
        "perjanjian kerja sama",
        "agreement",
        ("pks", "perjanjian", "moa"),
    ),
    Instrument.JOINT_DECLARATION: ("deklarasi bersama", "joint declaration", ("deklarasi",)),
    Instrument.CONTRACT: ("kontrak", "contract", ("perjanjian kontrak",)),
}

SCOPE_LABELS: dict[Scope, Label] = {
    Scope.DOMESTIC: ("dalam negeri", "domestic", ("nasional", "domestik", "indonesia")),
    Scope.INTERNATIONAL: ("luar negeri", "international", ("internasional", "foreign", "asing")),
}


E = TypeVar("E", bound=StrEnum)


def label(labels: Mapping[E, Label], value: E, lang: Lang) -> str:
    entry = labels[value]
    return entry[0] if lang is Lang.ID else entry[1]


# --- messages ---------------------------------------------------------------------------

MESSAGES: dict[str, dict[Lang, str]] = {
    # errors and notes
    "error": {Lang.ID: "galat", Lang.EN: "error"},
    "no_match": {
        Lang.ID: "Tidak ada kerja sama yang cocok dengan filter ini.",
        Lang.EN: "No partnership matches these filters.",
    },
    "unknown_value": {
        Lang.ID: "nilai {option} tidak dikenal: {value!r}.",
        Lang.EN: "unknown {option} value: {value!r}.",
    },
    "did_you_mean": {
        Lang.ID: "Mungkin maksud Anda: {choices}?",
        Lang.EN: "Did you mean: {choices}?",
    },
    "valid_values": {Lang.ID: "Nilai yang sah: {choices}.", Lang.EN: "Valid values: {choices}."},
    "unknown_id": {
        Lang.ID: "tidak ada kerja sama dengan id {value!r}.",
        Lang.EN: "no partnership has the id {value!r}.",
    },
    "see_list_ids": {
        Lang.ID: "Lihat semua id dengan: kerjasama list --format ids",
        Lang.EN: "See every id with: kerjasama list --format ids",
    },
    "bad_date": {
        Lang.ID: "tanggal {option} tidak sah: {reason}",
        Lang.EN: "invalid {option} date: {reason}",
    },
    "bad_sort": {
        Lang.ID: "kolom urutan tidak dikenal: {value!r}.",
        Lang.EN: "unknown sort field: {value!r}.",
    },
    "bad_column": {
        Lang.ID: "kolom tidak dikenal: {value!r}.",
        Lang.EN: "unknown column: {value!r}.",
    },
    "bad_limit": {
        Lang.ID: "--limit harus bilangan bulat 0 atau lebih.",
        Lang.EN: "--limit must be a whole number, 0 or more.",
    },
    "columns_not_tabular": {
        Lang.ID: "--columns tidak berlaku untuk format {value!r}: satu id per baris.",
        Lang.EN: "--columns does not apply to the {value!r} format: one id a line.",
    },
    "format_not_for_command": {
        Lang.ID: "format {value!r} tidak tersedia untuk perintah ini; pilih salah satu: {choices}.",
        Lang.EN: "format {value!r} is not available for this command; choose one of: {choices}.",
    },
    "dataset_invalid": {
        Lang.ID: "Dataset tidak sah: {count} masalah. Periksa dengan: kerjasama validate {path}",
        Lang.EN: "Invalid dataset: {count} problem(s). Check it with: kerjasama validate {path}",
    },
    "bad_language": {
        Lang.ID: "{source} harus id atau en, bukan {value!r}.",
        Lang.EN: "{source} must be id or en, not {value!r}.",
    },
    # problems in a dataset file (validate, and any command on a bad file)
    "data.cannot_read": {
        Lang.ID: "berkas tidak dapat dibaca: {reason}",
        Lang.EN: "cannot read the file: {reason}",
    },
    "data.not_utf8": {
        Lang.ID: "berkas ini bukan teks UTF-8 yang sah",
        Lang.EN: "the file is not valid UTF-8 text",
    },
    "data.tag": {
        Lang.ID: "tag YAML yang membuat objek tidak diizinkan ({tag})",
        Lang.EN: "YAML tags that construct objects are not allowed ({tag})",
    },
    "data.invalid_yaml": {Lang.ID: "YAML tidak sah: {problem}", Lang.EN: "invalid YAML: {problem}"},
    "data.duplicate_key": {
        Lang.ID: "kunci {key!r} ditulis dua kali (pertama kali di baris {line})",
        Lang.EN: "duplicate key {key!r} (first written on line {line})",
    },
    "data.missing_field": {Lang.ID: "kolom wajib tidak ada", Lang.EN: "missing required field"},
    "data.unknown_field": {
        Lang.ID: "kolom tidak dikenal (tidak ada dalam skema)",
        Lang.EN: "unknown field (not in the schema)",
    },
    "data.expected_mapping": {
        Lang.ID: "seharusnya pemetaan kunci ke nilai",
        Lang.EN: "expected a mapping of keys to values",
    },
    "data.one_of": {Lang.ID: "harus salah satu dari {choices}", Lang.EN: "should be {choices}"},
    "data.got": {Lang.ID: "yang tertulis: {what}", Lang.EN: "got {what}"},
    "data.duplicate_id": {
        Lang.ID: "id {id!r} dipakai dua kali (juga rekaman ke-{record})",
        Lang.EN: "duplicate id {id!r} (also record {record})",
    },
    "data.duplicate_figure": {
        Lang.ID: "id angka {id!r} dipakai dua kali",
        Lang.EN: "duplicate figure id {id!r}",
    },
    "data.undefined_key": {
        Lang.ID: "{key!r} tidak didefinisikan di bawah '{field}'",
        Lang.EN: "{key!r} is not defined under '{field}'",
    },
    "data.listed_twice": {
        Lang.ID: "{key!r} tercantum dua kali",
        Lang.EN: "{key!r} is listed twice",
    },
    "data.term_taken": {
        Lang.ID: "{term!r} sudah menamai sektor {sector!r}: satu istilah hanya untuk satu sektor",
        Lang.EN: "{term!r} already names sector {sector!r}: a term must name one sector",
    },
    # hostile or unusual files (issue 10): what is refused, where, and what was expected
    "data.not_regular": {
        Lang.ID: "berkas tidak dapat dibaca: bukan berkas biasa (folder, perangkat, FIFO atau "
        "soket tidak dibaca sebagai register; pakai --data - untuk masukan standar)",
        Lang.EN: "cannot read the file: not a regular file (a folder, device, FIFO or socket "
        "is not read as a register; use --data - for standard input)",
    },
    "data.too_large": {
        Lang.ID: "berkas lebih besar dari batas {limit} bita; naikkan batasnya dengan "
        "KERJASAMA_MAX_BYTES (dalam bita)",
        Lang.EN: "the file is larger than the limit of {limit} bytes; raise the limit with "
        "KERJASAMA_MAX_BYTES (in bytes)",
    },
    "data.bad_limit": {
        Lang.ID: "KERJASAMA_MAX_BYTES harus bilangan bulat positif (bita), bukan {value!r}",
        Lang.EN: "KERJASAMA_MAX_BYTES must be a positive whole number of bytes, not {value!r}",
    },
    "data.control_char": {
        Lang.ID: "karakter kendali {char} tidak diizinkan dalam berkas YAML (tulis sebagai "
        "escape dalam teks berkutip ganda bila memang perlu)",
        Lang.EN: "the control character {char} is not allowed in a YAML file (write it as an "
        "escape in a double-quoted string if it is really meant)",
    },
    "data.tag_not_allowed": {
        Lang.ID: "tag YAML {tag} tidak diizinkan: register hanya memakai !!str, !!int, "
        "!!float, !!bool, !!null, !!map dan !!seq",
        Lang.EN: "the YAML tag {tag} is not allowed: the register uses only !!str, !!int, "
        "!!float, !!bool, !!null, !!map and !!seq",
    },
    "data.merge_key": {
        Lang.ID: "kunci gabungan YAML ('<<') tidak didukung: tulis setiap kunci secara lengkap",
        Lang.EN: "YAML merge keys ('<<') are not supported: write each key out in full",
    },
    "data.not_decimal": {
        Lang.ID: "{value!r} bukan bilangan yang ditulis dengan angka desimal (misalnya 12, -3, 1.5)",
        Lang.EN: "{value!r} is not a number written in decimal digits (such as 12, -3, 1.5)",
    },
    "data.not_bool": {
        Lang.ID: "{value!r} bukan boolean: hanya true atau false",
        Lang.EN: "{value!r} is not a boolean: only true or false",
    },
    "data.key_of": {Lang.ID: "kunci {key}", Lang.EN: "key {key}"},
    "data.alias_expansion": {
        Lang.ID: "alias YAML mengembangkan dokumen menjadi {expanded} simpul dari {written} yang "
        "tertulis: terlalu besar; tulis nilainya tanpa alias",
        Lang.EN: "YAML aliases expand the document to {expanded} nodes from {written} written: "
        "too many; write the values out without aliases",
    },
    # Click's own parse errors, for the Indonesian interface
    "usage": {Lang.ID: "Penggunaan:", Lang.EN: "Usage:"},
    "try_help": {
        Lang.ID: "Coba '{command} -h' untuk bantuan.",
        Lang.EN: "Try '{command} -h' for help.",
    },
    "click_no_such_option": {
        Lang.ID: "opsi tidak dikenal: {name}",
        Lang.EN: "No such option: {name}",
    },
    "click_no_such_command": {
        Lang.ID: "perintah tidak dikenal: {name!r}.",
        Lang.EN: "No such command {name!r}.",
    },
    "click_needs_value": {
        Lang.ID: "opsi {name} memerlukan nilai.",
        Lang.EN: "Option {name!r} requires an argument.",
    },
    "click_missing_command": {Lang.ID: "perintah belum diberikan.", Lang.EN: "Missing command."},
    "click_missing": {Lang.ID: "{name} wajib diisi.", Lang.EN: "Missing {name}."},
    "click_bad_value": {
        Lang.ID: "nilai tidak sah untuk {name}: {reason}",
        Lang.EN: "Invalid value for {name}: {reason}",
    },
    "cannot_write": {
        Lang.ID: "tidak dapat menulis keluaran: {reason}",
        Lang.EN: "cannot write the output: {reason}",
    },
    "internal_error": {
        Lang.ID: "galat internal ({error}). Mohon laporkan; KERJASAMA_DEBUG=1 menampilkan rinciannya.",
        Lang.EN: "internal error ({error}). Please report it; KERJASAMA_DEBUG=1 shows the details.",
    },
    "info_title": {Lang.ID: "Register yang dipakai", Lang.EN: "The register in use"},
    "info_field": {Lang.ID: "Hal", Lang.EN: "Field"},
    "info_value": {Lang.ID: "Nilai", Lang.EN: "Value"},
    "info_title_field": {Lang.ID: "Judul", Lang.EN: "Title"},
    "info_updated": {Lang.ID: "Diperbarui", Lang.EN: "Updated"},
    "info_licence": {Lang.ID: "Lisensi", Lang.EN: "Licence"},
    "info_maintainer": {Lang.ID: "Pengelola", Lang.EN: "Maintainer"},
    "info_partnerships": {Lang.ID: "Kerja sama", Lang.EN: "Partnerships"},
    "info_sectors": {Lang.ID: "Sektor", Lang.EN: "Sectors"},
    "info_sources": {Lang.ID: "Sumber", Lang.EN: "Sources"},
    "info_figures": {Lang.ID: "Angka", Lang.EN: "Figures"},
    "info_file": {Lang.ID: "Berkas", Lang.EN: "File"},
    "info_store": {Lang.ID: "Penyimpanan", Lang.EN: "Store"},
    "info_store_fresh": {
        Lang.ID: "dijawab dari penyimpanannya (mutakhir)",
        Lang.EN: "answered from its store (up to date)",
    },
    "info_store_built": {
        Lang.ID: "penyimpanannya baru saja dibuat dari berkas",
        Lang.EN: "its store was compiled from the file just now",
    },
    "info_store_memory": {
        Lang.ID: "disusun di memori, tanpa penyimpanan ({reason})",
        Lang.EN: "compiled in memory, without a store ({reason})",
    },
    "option_twice": {
        Lang.ID: "{option} hanya boleh diberikan sekali.",
        Lang.EN: "{option} may be given only once.",
    },
    "empty_data": {
        Lang.ID: "--data memerlukan nama berkas (atau - untuk masukan standar).",
        Lang.EN: "--data needs a file name (or - for standard input).",
    },
    "diff_stdin_twice": {
        Lang.ID: "masukan standar hanya dapat dibaca sekali: berikan - untuk satu berkas saja.",
        Lang.EN: "standard input can be read only once: give - for one of the two files only.",
    },
    "empty_value": {
        Lang.ID: "{option} memerlukan nilai: nilai kosong akan cocok dengan semua kerja sama.",
        Lang.EN: "{option} needs a value: an empty one would match every partnership.",
    },
    "empty_search": {
        Lang.ID: (
            "{option} '{value}' tidak menyisakan apa pun untuk dicari setelah huruf besar-kecil,"
            " aksen, '-' dan '_' diabaikan: nilai itu akan cocok dengan semua kerja sama."
        ),
        Lang.EN: (
            "{option} '{value}' leaves nothing to search for once case, accents, '-' and '_'"
            " are set aside: it would match every partnership."
        ),
    },
    "empty_columns": {
        Lang.ID: "{option} diberi nilai kosong; sebutkan kolomnya (id,partner,...).",
        Lang.EN: "{option} was given an empty value; name the columns (id,partner,...).",
    },
    "count_limited": {
        Lang.ID: "{shown} pertama dari {matched} yang cocok ({total} kerja sama di register)",
        Lang.EN: "first {shown} of {matched} matching ({total} partnerships in the register)",
    },
    # rules of the data, raised during validation (errors.RuleError)
    "rule.not_a_date": {
        Lang.ID: "{value!r} bukan tanggal berbentuk YYYY, YYYY-MM atau YYYY-MM-DD",
        Lang.EN: "{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD",
    },
    "rule.no_month": {
        Lang.ID: "{value!r} tidak punya bulan {month}",
        Lang.EN: "{value!r} has no month {month}",
    },
    "rule.no_day": {
        Lang.ID: "{value!r} bukan hari yang ada: bulan {month} tahun {year} punya {days} hari",
        Lang.EN: "{value!r} is not a real day: month {month} of {year} has {days} days",
    },
    "rule.not_a_country": {
        Lang.ID: "{value!r} bukan kode negara ISO 3166-1 alpha-2",
        Lang.EN: "{value!r} is not an ISO 3166-1 alpha-2 country code",
    },
    "rule.not_a_slug": {
        Lang.ID: "{value!r} bukan slug huruf kecil (a-z, 0-9, -)",
        Lang.EN: "{value!r} is not a lowercase slug (a-z, 0-9, -)",
    },
    "rule.not_a_url": {
        Lang.ID: "{value!r} bukan URL http(s)",
        Lang.EN: "{value!r} is not an http(s) URL",
    },
    "rule.country_required": {
        Lang.ID: "country wajib untuk partner_type {partner_type!r}; hanya organisasi "
        "internasional atau jaringan yang boleh tanpa negara",
        Lang.EN: "country is required for partner_type {partner_type!r}; only an "
        "international organisation or a network may have none",
    },
    "rule.ends_before_signed": {
        Lang.ID: "ends ({ends}) lebih awal dari signed ({signed})",
        Lang.EN: "ends ({ends}) is before signed ({signed})",
    },
    "rule.year_range": {
        Lang.ID: "{value!r}: tahun harus dari {low} sampai {high}",
        Lang.EN: "{value!r}: the year must be from {low} to {high}",
    },
    "rule.number_range": {
        Lang.ID: "{value} di luar rentang: seharusnya bilangan hingga dari {low} sampai kurang "
        "dari {high}",
        Lang.EN: "{value} is out of range: expected a finite number from {low} to less than {high}",
    },
    "rule.not_whole_number": {
        Lang.ID: "{value!r} bukan bilangan bulat; seharusnya 1",
        Lang.EN: "{value!r} is not a whole number; expected 1",
    },
    "rule.integer_range": {
        Lang.ID: "{value} di luar rentang: seharusnya bilangan bulat dari {low} sampai {high}",
        Lang.EN: "{value} is out of range: expected a whole number from {low} to {high}",
    },
    # export
    "export_extension": {
        Lang.ID: "ekstensi {value!r} tidak dikenal; pakai salah satu dari: {choices}.",
        Lang.EN: "cannot tell the format of {value!r}; use one of the extensions: {choices}.",
    },
    "export_is_folder": {
        Lang.ID: "{path} adalah folder; sebutkan nama berkas.",
        Lang.EN: "{path} is a folder; give a file name.",
    },
    "export_exists": {
        Lang.ID: "{path} sudah ada; pakai --force untuk menimpanya.",
        Lang.EN: "{path} already exists; use --force to overwrite it.",
    },
    "export_no_folder": {
        Lang.ID: "folder {folder} tidak ada.",
        Lang.EN: "the folder {folder} does not exist.",
    },
    "export_failed": {
        Lang.ID: "{path} tidak dapat ditulis: {reason}",
        Lang.EN: "cannot write {path}: {reason}",
    },
    "export_temporary_changed": {
        Lang.ID: "berkas sementaranya diganti orang lain selama ekspor berjalan",
        Lang.EN: "its temporary file was replaced while the export ran",
    },
    "export_done": {
        Lang.ID: "{path}: {count} kerja sama ditulis sebagai {format}.",
        Lang.EN: "{path}: wrote {count} partnerships as {format}.",
    },
    "interrupted": {Lang.ID: "Dibatalkan.", Lang.EN: "Interrupted."},
    "validate_ok": {
        Lang.ID: "{path}: OK — {partnerships} kerja sama, {sectors} sektor, {sources} sumber, {figures} angka",
        Lang.EN: "{path}: OK — {partnerships} partnerships, {sectors} sectors, {sources} sources, {figures} figures",
    },
    "validate_failed": {
        Lang.ID: "{path}: {count} masalah ditemukan",
        Lang.EN: "{path}: {count} problem(s) found",
    },
    # table titles and headings
    "title_list": {
        Lang.ID: "Kerja sama Pemprov DKI Jakarta",
        Lang.EN: "Partnerships of DKI Jakarta",
    },
    "count_shown": {
        Lang.ID: "{shown} dari {total} kerja sama",
        Lang.EN: "{shown} of {total} partnerships",
    },
    "sources": {Lang.ID: "Sumber", Lang.EN: "Sources"},
    "summary": {Lang.ID: "Ringkasan", Lang.EN: "Summary"},
    "note": {Lang.ID: "Catatan", Lang.EN: "Note"},
    "undated": {Lang.ID: "tanpa tanggal", Lang.EN: "undated"},
    "no_country": {Lang.ID: "— (tanpa negara)", Lang.EN: "— (no country)"},
    # --- summary, sectors, figures (issue 5) ---
    "sum_title": {Lang.ID: "Kerja sama menurut {by}", Lang.EN: "Partnerships by {by}"},
    "sum_title_cross": {
        Lang.ID: "Kerja sama menurut {rows} dan {columns}",
        Lang.EN: "Partnerships by {rows} and {columns}",
    },
    "sum_count": {Lang.ID: "Jumlah", Lang.EN: "Count"},
    "sum_share": {Lang.ID: "Porsi", Lang.EN: "Share"},
    "sum_total": {Lang.ID: "Total", Lang.EN: "Total"},
    "sum_other": {Lang.ID: "lainnya ({n} lagi)", Lang.EN: "other ({n} more)"},
    "sum_sector": {Lang.ID: "Sektor", Lang.EN: "Sector"},
    "sum_decade": {Lang.ID: "Dekade", Lang.EN: "Decade"},
    "sum_decade_label": {Lang.ID: "{decade}-an", Lang.EN: "{decade}s"},
    "sum_share_note": {
        Lang.ID: "{records} kerja sama; porsi = persen dari {records} kerja sama itu.",
        Lang.EN: "{records} partnerships; share = percent of those {records} partnerships.",
    },
    "sum_records_note": {Lang.ID: "{records} kerja sama.", Lang.EN: "{records} partnerships."},
    "sum_multi_note": {
        Lang.ID: "Kerja sama dengan beberapa sektor dihitung sekali di setiap sektornya, jadi "
        "jumlah per kelompok ({sum}) melebihi {records} kerja sama.",
        Lang.EN: "A partnership with several sectors counts once in each of its sectors, so the "
        "group counts add up to {sum}, more than the {records} partnerships.",
    },
    "sum_top_note": {
        Lang.ID: "{n} kelompok yang lebih kecil digabung ke baris “lainnya”.",
        Lang.EN: "{n} smaller groups are folded into the “other” row.",
    },
    "sum_top_rows": {
        Lang.ID: "{n} baris yang lebih kecil digabung ke baris “lainnya”.",
        Lang.EN: "{n} smaller rows are folded into the “other” row.",
    },
    "sum_top_columns": {
        Lang.ID: "{n} kolom yang lebih kecil digabung ke kolom “lainnya”.",
        Lang.EN: "{n} smaller columns are folded into the “other” column.",
    },
    "sum_timeline_note": {
        Lang.ID: "Tahun tanpa kerja sama ditampilkan kosong; tiga tahun kosong atau lebih "
        "berturut-turut digabung dalam satu baris.",
        Lang.EN: "Years without a partnership are shown empty; three or more in a row share "
        "one line.",
    },
    "sum_timeline_decade_note": {
        Lang.ID: "Dekade tanpa kerja sama ditampilkan kosong; tiga dekade kosong atau lebih "
        "berturut-turut digabung dalam satu baris.",
        Lang.EN: "Decades without a partnership are shown empty; three or more in a row share "
        "one line.",
    },
    "bad_by_count": {
        Lang.ID: "--by dapat diberikan sekali atau dua kali, bukan {n} kali.",
        Lang.EN: "--by may be given once or twice, not {n} times.",
    },
    "by_twice": {
        Lang.ID: "--by {value} diberikan dua kali; tabel silang butuh dua kolom yang berbeda.",
        Lang.EN: "--by {value} was given twice; a cross-tab needs two different fields.",
    },
    "bad_top": {
        Lang.ID: "--top harus bilangan bulat 1 atau lebih.",
        Lang.EN: "--top must be a whole number, 1 or more.",
    },
    "sectors_title": {Lang.ID: "Sektor register", Lang.EN: "Sectors of the register"},
    "sectors_key": {Lang.ID: "Kunci", Lang.EN: "Key"},
    "sectors_label_id": {Lang.ID: "Bahasa Indonesia", Lang.EN: "Indonesian"},
    "sectors_label_en": {Lang.ID: "Bahasa Inggris", Lang.EN: "English"},
    "sectors_aliases": {Lang.ID: "Alias", Lang.EN: "Aliases"},
    "sectors_note": {
        Lang.ID: "{sectors} sektor, {records} kerja sama; kerja sama dengan beberapa sektor "
        "dihitung di setiap sektornya.",
        Lang.EN: "{sectors} sectors, {records} partnerships; a partnership with several "
        "sectors counts in each of them.",
    },
    "figures_title": {
        Lang.ID: "Angka yang dilaporkan, di samping isi register",
        Lang.EN: "Reported figures beside what the register holds",
    },
    "figures_figure": {Lang.ID: "Angka", Lang.EN: "Figure"},
    "figures_value": {Lang.ID: "Nilai", Lang.EN: "Value"},
    "figures_year": {Lang.ID: "Tahun", Lang.EN: "Year"},
    "figures_source": {Lang.ID: "Sumber", Lang.EN: "Source"},
    "figures_register": {Lang.ID: "Register", Lang.EN: "Register"},
    "figures_undated": {Lang.ID: "(+{n} tanpa tanggal)", Lang.EN: "(+{n} undated)"},
    "figures_note": {
        Lang.ID: "Nilai: angka seperti yang dilaporkan sumber. Register: jumlah kerja sama di "
        "dataset ini untuk pertanyaan yang sama; “+N tanpa tanggal”: kerja sama yang cocok "
        "tetapi tanpa tanggal mulai, sehingga syarat tanggal tidak dapat menghitungnya. "
        "—: angka ini tidak dapat dibandingkan dengan register.",
        Lang.EN: "Value: the figure as the source reported it. Register: how many partnerships "
        "this dataset holds for the same question; “+N undated”: partnerships that match but "
        "have no signed date, so a date condition cannot count them. "
        "—: the figure has no comparable question in the register.",
    },
    # --- diff: what changed between two versions of a register (issue 14) ---
    "diff_title": {
        Lang.ID: "Perubahan dari {old} ke {new}",
        Lang.EN: "Changes from {old} to {new}",
    },
    "diff_col_part": {Lang.ID: "Bagian", Lang.EN: "Part"},
    "diff_col_key": {Lang.ID: "Id/kunci", Lang.EN: "Id/key"},
    "diff_col_change": {Lang.ID: "Perubahan", Lang.EN: "Change"},
    "diff_col_field": {Lang.ID: "Kolom", Lang.EN: "Field"},
    "diff_col_old": {Lang.ID: "Lama", Lang.EN: "Old"},
    "diff_col_new": {Lang.ID: "Baru", Lang.EN: "New"},
    "diff_part_dataset": {Lang.ID: "dataset", Lang.EN: "dataset"},
    "diff_part_partnership": {Lang.ID: "kerja sama", Lang.EN: "partnership"},
    "diff_part_source": {Lang.ID: "sumber", Lang.EN: "source"},
    "diff_part_figure": {Lang.ID: "angka", Lang.EN: "figure"},
    "diff_part_sector": {Lang.ID: "sektor", Lang.EN: "sector"},
    "diff_parts_dataset": {Lang.ID: "Dataset", Lang.EN: "Dataset"},
    "diff_parts_partnership": {Lang.ID: "Kerja sama", Lang.EN: "Partnerships"},
    "diff_parts_source": {Lang.ID: "Sumber", Lang.EN: "Sources"},
    "diff_parts_figure": {Lang.ID: "Angka", Lang.EN: "Figures"},
    "diff_parts_sector": {Lang.ID: "Sektor", Lang.EN: "Sectors"},
    "diff_added": {Lang.ID: "ditambahkan", Lang.EN: "added"},
    "diff_removed": {Lang.ID: "dihapus", Lang.EN: "removed"},
    "diff_changed": {Lang.ID: "diubah", Lang.EN: "changed"},
    "diff_n_added": {Lang.ID: "{n} ditambahkan", Lang.EN: "{n} added"},
    "diff_n_removed": {Lang.ID: "{n} dihapus", Lang.EN: "{n} removed"},
    "diff_n_changed": {Lang.ID: "{n} diubah", Lang.EN: "{n} changed"},
    "diff_same": {
        Lang.ID: "Tidak ada perbedaan antara {old} dan {new}.",
        Lang.EN: "No differences between {old} and {new}.",
    },
}


def heading(column: str, lang: Lang) -> str:
    """A column's heading, from the field registry (the name itself for an unknown one)."""
    from .fields import BY_NAME

    field = BY_NAME.get(column)
    return column if field is None else field.label(lang)


def message(key: str, lang: Lang, /, **values: object) -> str:
    return MESSAGES[key][lang].format(**values)


def error_line(lang: Lang, text: str) -> str:
    """How every error starts on stderr: ``kerjasama: error: ...`` (``galat`` in Indonesian)."""
    return f"kerjasama: {message('error', lang)}: {text}"
