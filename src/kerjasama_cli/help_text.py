"""Help text of every command and option, in both languages (``--help`` follows ``--lang``)."""

from __future__ import annotations

from .i18n import Lang

HELP: dict[str, dict[Lang, str]] = {
    "app": {
        Lang.ID: "Register kerja sama Pemprov DKI Jakarta: kota kembar, LoI, MoU, proyek dan "
        "program. Contoh: kerjasama list --sector banjir",
        Lang.EN: "The register of partnerships of the Provincial Government of DKI Jakarta: "
        "sister cities, letters of intent, MoUs, projects and programmes. "
        "Example: kerjasama list --sector flood",
    },
    "opt.data": {
        Lang.ID: "Berkas dataset YAML (bawaan: dataset yang dipaketkan).",
        Lang.EN: "Dataset YAML file (default: the bundled dataset).",
    },
    "opt.lang": {
        Lang.ID: "Bahasa antarmuka: id atau en (env KERJASAMA_LANG; bawaan dari locale).",
        Lang.EN: "Interface language: id or en (env KERJASAMA_LANG; default from the locale).",
    },
    "opt.no_color": {
        Lang.ID: "Tanpa warna (sama dengan --color never).",
        Lang.EN: "No colour (the same as --color never).",
    },
    "opt.color": {
        Lang.ID: "Warna: auto (hanya di terminal; bawaan), always (juga ke pipa, untuk less -R) "
        "atau never.",
        Lang.EN: "Colour: auto (on a terminal only; the default), always (into a pipe too, "
        "for less -R) or never.",
    },
    "opt.version": {Lang.ID: "Tampilkan versi lalu keluar.", Lang.EN: "Show the version and exit."},
    "cmd.list": {
        Lang.ID: "Daftar kerja sama yang cocok dengan filter. Contoh: kerjasama list --sector banjir "
        "--country Belanda; kerjasama list -q rotterdam --format json",
        Lang.EN: "List the partnerships that match the filters. Examples: kerjasama list --sector "
        "flood --country Netherlands; kerjasama list -q rotterdam --format json",
    },
    "opt.format_show": {
        Lang.ID: "Format keluaran. Bawaan: kerja sama secara lengkap untuk dibaca orang, di "
        "terminal maupun bila dialirkan ke program lain (tanpa spasi pengisi).",
        Lang.EN: "Output format. Default: the partnership in full, for people, on a terminal "
        "and when piped alike (without padding).",
    },
    "cmd.show": {
        Lang.ID: "Satu kerja sama atau lebih secara lengkap, dengan sumbernya. Contoh: kerjasama show "
        "kuala-lumpur-sister-city",
        Lang.EN: "One or more partnerships in full, with their sources. Example: kerjasama show "
        "kuala-lumpur-sister-city",
    },
    "cmd.info": {
        Lang.ID: "Register yang dipakai: judul, tanggal, lisensi, pengelola, jumlah isinya, "
        "berkasnya dan keadaan penyimpanannya. Contoh: kerjasama info",
        Lang.EN: "The register in use: its title, date, licence, maintainer, counts, file "
        "and the state of its store. Example: kerjasama info",
    },
    "cmd.validate": {
        Lang.ID: "Periksa berkas dataset; setiap masalah dicetak sebagai BERKAS:BARIS:KOLOM: pesan.",
        Lang.EN: "Check dataset files; every problem is printed as PATH:LINE:COL: message.",
    },
    "cmd.export": {
        Lang.ID: "Tulis seluruh dataset sebagai SQLite (.db, .sqlite), JSON (.json) atau CSV "
        "(.csv), sesuai ekstensi. Contoh: kerjasama export kerjasama.db",
        Lang.EN: "Write the whole dataset as SQLite (.db, .sqlite), JSON (.json) or CSV (.csv), "
        "by extension. Example: kerjasama export kerjasama.db",
    },
    "arg.export_path": {Lang.ID: "Berkas tujuan.", Lang.EN: "The file to write."},
    "opt.force": {Lang.ID: "Timpa berkas yang sudah ada.", Lang.EN: "Overwrite an existing file."},
    "arg.ids": {
        Lang.ID: "Id kerja sama (lihat: kerjasama list --format ids).",
        Lang.EN: "Partnership ids (see: kerjasama list --format ids).",
    },
    "arg.paths": {
        Lang.ID: "Berkas yang diperiksa (bawaan: dataset yang dipakai).",
        Lang.EN: "Files to check (default: the dataset in use).",
    },
    "opt.sector": {
        Lang.ID: "Sektor: kunci, label atau alias (banjir, flood). Bisa diulang.",
        Lang.EN: "Sector: key, label or alias (banjir, flood). Repeatable.",
    },
    "opt.country": {
        Lang.ID: "Negara: kode atau nama dalam bahasa apa pun (JP, Jepang, Japan).",
        Lang.EN: "Country: code or name in either language (JP, Japan, Jepang).",
    },
    "opt.kind": {
        Lang.ID: "Jenis: sister-city (kota kembar), cooperation, project, programme, "
        "grant, exchange, membership.",
        Lang.EN: "Kind: sister-city, cooperation, project, programme, grant, exchange, membership.",
    },
    "opt.instrument": {
        Lang.ID: "Dokumen: letter-of-intent (LoI), mou, agreement, joint-declaration, contract.",
        Lang.EN: "Instrument: letter-of-intent (LoI), mou, agreement, joint-declaration, contract.",
    },
    "opt.partner_type": {
        Lang.ID: "Jenis mitra: city, province, state, country, "
        "regional-government, university, ...",
        Lang.EN: "Partner type: city, province, state, country, "
        "regional-government, university, ...",
    },
    "opt.scope": {
        Lang.ID: "Lingkup: domestic (dalam negeri) atau international (luar negeri).",
        Lang.EN: "Scope: domestic or international.",
    },
    "opt.status": {
        Lang.ID: "Status: active (aktif), planned, ended, unknown.",
        Lang.EN: "Status: active, planned, ended, unknown.",
    },
    "opt.year": {
        Lang.ID: "Tahun mulai (YYYY). Bisa diulang.",
        Lang.EN: "Year signed (YYYY). Repeatable.",
    },
    "opt.since": {
        Lang.ID: "Mulai pada atau setelah tanggal ini (YYYY[-MM[-DD]]).",
        Lang.EN: "Signed on or after this date (YYYY[-MM[-DD]]).",
    },
    "opt.until": {
        Lang.ID: "Mulai pada atau sebelum tanggal ini (YYYY[-MM[-DD]]).",
        Lang.EN: "Signed on or before this date (YYYY[-MM[-DD]]).",
    },
    "opt.search": {
        Lang.ID: "Cari teks di id, judul, mitra dan ringkasan (tanpa beda huruf/aksen); "
        "boleh diulang: salah satu teks cukup.",
        Lang.EN: "Search id, title, partner and summary (case- and accent-insensitive); "
        "repeatable: any of the texts may match.",
    },
    "opt.format": {
        Lang.ID: "Format keluaran. Bawaan: tabel di terminal, TSV bila disalurkan.",
        Lang.EN: "Output format. Default: a table on a terminal, TSV when piped.",
    },
    "opt.sort": {
        Lang.ID: "Urutkan menurut kolom; awali dengan - untuk menurun (-signed).",
        Lang.EN: "Sort by a field; a leading - sorts descending (-signed).",
    },
    "opt.limit": {Lang.ID: "Tampilkan paling banyak N baris.", Lang.EN: "Show at most N rows."},
    "opt.columns": {
        Lang.ID: "Kolom yang ditampilkan, dipisah koma (id,partner,country); untuk json, jsonl "
        "dan yaml: kunci setiap butir.",
        Lang.EN: "Fields to show, comma-separated (id,partner,country); for json, jsonl and "
        "yaml, the keys of each item.",
    },
    "opt.no_header": {Lang.ID: "Tanpa baris judul kolom.", Lang.EN: "Leave out the header row."},
    # --- summary, sectors, figures (issue 5) ---
    "cmd.summary": {
        Lang.ID: "Hitung kerja sama per kelompok, dengan filter yang sama seperti list. Contoh: "
        "kerjasama summary --by sector; kerjasama summary --by year; "
        "kerjasama summary --by country --by kind --top 10",
        Lang.EN: "Count partnerships by group, with the same filters as list. Examples: "
        "kerjasama summary --by sector; kerjasama summary --by year; "
        "kerjasama summary --by country --by kind --top 10",
    },
    "cmd.sectors": {
        Lang.ID: "Kosakata sektor: kunci, label, alias dan jumlah kerja sama. Contoh: "
        "kerjasama sectors --format json",
        Lang.EN: "The sector vocabulary: keys, labels, aliases and number of partnerships. "
        "Example: kerjasama sectors --format json",
    },
    "cmd.figures": {
        Lang.ID: "Angka yang dilaporkan pejabat, dengan sumbernya, di samping isi register "
        "untuk pertanyaan yang sama. Contoh: kerjasama figures",
        Lang.EN: "The figures officials reported, with their source, beside what the register "
        "holds for the same question. Example: kerjasama figures",
    },
    "opt.by": {
        Lang.ID: "Kelompokkan menurut: sector, country, kind, partner-type, scope, status, year, "
        "decade. Dua kali untuk tabel silang.",
        Lang.EN: "Group by: sector, country, kind, partner-type, scope, status, year, decade. "
        "Twice for a cross-tab.",
    },
    "opt.summary_sort": {
        Lang.ID: "Urutan kelompok: count (terbesar dulu) atau name (nama; waktu untuk year dan "
        "decade). Bawaan: count, atau waktu untuk year dan decade.",
        Lang.EN: "Group order: count (largest first) or name (by name; by time for year and "
        "decade). Default: count, or time for year and decade.",
    },
    "opt.top": {
        Lang.ID: "Hanya N kelompok terbesar; sisanya digabung ke baris “(other)”.",
        Lang.EN: "Only the N largest groups; the rest are folded into an “(other)” row.",
    },
    # --- publishing the register (issue 14) ---
    "cmd.schema": {
        Lang.ID: "Cetak JSON Schema (2020-12) register, untuk editor dan pemeriksa lain. "
        "Contoh: kerjasama schema > schema/partnerships.schema.json",
        Lang.EN: "Print the register's JSON Schema (2020-12), for editors and other checkers. "
        "Example: kerjasama schema > schema/partnerships.schema.json",
    },
    "cmd.diff": {
        Lang.ID: "Apa yang berubah antara dua versi register: kerja sama, sumber, angka dan "
        "sektor yang ditambahkan, dihapus atau diubah (kolom demi kolom). Status keluar 0 bila "
        "sama, 1 bila berbeda, 2 bila ada masalah. Contoh: kerjasama diff lama.yaml "
        "data/partnerships.yaml --format json",
        Lang.EN: "What changed between two versions of a register: partnerships, sources, "
        "figures and sectors added, removed or changed (field by field). Exit status 0 when "
        "they are the same, 1 when they differ, 2 on trouble. Example: kerjasama diff old.yaml "
        "data/partnerships.yaml --format json",
    },
    "arg.diff_old": {
        Lang.ID: "Versi register yang lama (berkas YAML atau JSON).",
        Lang.EN: "The older version of the register (a YAML or JSON file).",
    },
    "arg.diff_new": {
        Lang.ID: "Versi register yang baru.",
        Lang.EN: "The newer version of the register.",
    },
}


def help_for(key: str, lang: Lang) -> str:
    return HELP[key][lang]
