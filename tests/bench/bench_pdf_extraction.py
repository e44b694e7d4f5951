#!/usr/bin/env python3
"""Benchmark of mrc_skills' PDF extraction on generated certificates and CVs.

Builds ``--documents`` PDFs (default 60) with known skills, in English and Spanish, with typos
and in four layouts (one-column text, centred certificate, two-column CV, table certificate),
reads them with the add-on's pdfplumber wrapper and runs the pure extraction against a small
multilingual vocabulary. Prints the skill extraction's precision and recall and the pages read
per second; with ``--output FILE`` writes ``[{"name", "median_s", "runs", "peak_mb", ...}]``.
Then reads the same documents as uploads are read, each in its own limited child process
(``lib/isolation.read_isolated``), and reports that cost too.

Run: ``python3 tests/bench/bench_pdf_extraction.py`` (needs Odoo importable, like the suite).
"""

import argparse
import json
import random
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "addons" / "mrc_skills" / "tests"))

import odoo.addons  # noqa: E402

odoo.addons.__path__.append(str(ROOT / "addons"))

import pdf_factory  # noqa: E402

from odoo.addons.mrc_skills.lib import extraction, isolation, pdf  # noqa: E402

# skill key -> (English name, Spanish name, misspellings seen on real documents)
SKILLS = {
    "welding": ("Welding", "Soldadura", ["Weldng", "Soldadora"]),
    "forklift": ("Forklift operation", "Operación de montacargas", ["Fork lift", "Montacarga"]),
    "harvest": ("Fruit harvesting", "Cosecha de fruta", ["Fruit harvestng", "Cosecha de frutas"]),
    "masonry": ("Bricklaying", "Albañilería", ["Brick laying", "Albanileria"]),
    "care": (
        "Elderly care",
        "Cuidado de personas mayores",
        ["Elderly caer", "Cuidado de adultos mayores"],
    ),
    "cooking": ("Cooking", "Cocina", ["Cookin", "Cosina"]),
    "cleaning": ("Housekeeping", "Limpieza de habitaciones", ["House keeping", "Limpiesa"]),
    "driving": ("Truck driving", "Conducción de camiones", ["Truck drivng", "Manejo de camiones"]),
    "fishing": ("Net fishing", "Pesca con red", ["Net fshing", "Pesca con redes"]),
    "sewing": ("Industrial sewing", "Costura industrial", ["Industrial sewng", "Costura"]),
    "tiling": ("Tiling", "Colocación de azulejos", ["Tilling", "Azulejero"]),
    "firstaid": ("First aid", "Primeros auxilios", ["Frist aid", "Primeros auxilio"]),
}
NOISE_EN = ["Interests: football, music", "References available", "Secondary school"]
NOISE_ES = ["Intereses: fútbol, música", "Referencias disponibles", "Escuela secundaria"]


def vocabulary():
    """The known skills, with their names and aliases in both languages."""
    return {key: [en, es] for key, (en, es, _typos) in SKILLS.items()}


def written_name(key, lang, rng):
    en, es, typos = SKILLS[key]
    return rng.choice([en if lang == "en" else es, rng.choice(typos)])


def build_documents(count, seed=7):
    """Return [(pdf bytes, page count, set of skill keys written)]."""
    rng = random.Random(seed)
    keys = sorted(SKILLS)
    docs = []
    for index in range(count):
        lang = "es" if index % 2 else "en"
        chosen = rng.sample(keys, rng.randint(1, 4))
        names = [written_name(key, lang, rng) for key in chosen]
        noise = NOISE_ES if lang == "es" else NOISE_EN
        layout = index % 4
        if layout == 0:
            head = "Habilidades" if lang == "es" else "Skills"
            data = pdf_factory.text_pdf(["Ana Migrante", head, *names, *noise])
        elif layout == 1:
            title = "Certificado de competencia" if lang == "es" else "Certificate of competence"
            data = pdf_factory.certificate_pdf(
                title,
                [
                    f"{'Otorgado a' if lang == 'es' else 'Awarded to'} Ana Migrante",
                    *names,
                    f"No. CERT-{index:05d}",
                ],
            )
        elif layout == 2:
            data = pdf_factory.two_column_pdf(["Ana Migrante", *names], noise)
        else:
            label = "Competencia" if lang == "es" else "Skill"
            data = pdf_factory.table_pdf(
                "Certificado" if lang == "es" else "Certificate",
                [["Campo" if lang == "es" else "Field", "Valor"], *[[label, n] for n in names]],
            )
        docs.append((data, set(chosen)))
    return docs


def run(docs, vocab):
    true_pos = false_pos = false_neg = pages = 0
    start = time.perf_counter()
    for data, expected in docs:
        content = pdf.read_pdf(data)
        pages += content.page_count
        found = extraction.extract(
            [page.text for page in content.pages],
            [table for page in content.pages for table in page.tables],
            skills=vocab,
        )
        keys = {match.key for match in found.skills}
        true_pos += len(keys & expected)
        false_pos += len(keys - expected)
        false_neg += len(expected - keys)
    elapsed = time.perf_counter() - start
    return elapsed, pages, true_pos, false_pos, false_neg


def run_isolated(docs, vocab):
    """Read and extract each document in its own child process, as an upload is."""
    vocabularies = {"skills": vocab, "bodies": {}, "occupations": {}}
    start = time.perf_counter()
    pages = 0
    for data, _expected in docs:
        pages += isolation.read_isolated(data, vocabularies=vocabularies).content.page_count
    return time.perf_counter() - start, pages


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=60)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--output")
    args = parser.parse_args()
    docs = build_documents(args.documents)
    vocab = vocabulary()
    timings = []
    for _ in range(args.runs):
        elapsed, pages, tp, fp, fn = run(docs, vocab)
        timings.append(elapsed)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    median = statistics.median(timings)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"pdf extraction: {len(docs)} documents, {pages} pages; skill precision={precision:.3f} "
        f"recall={recall:.3f} (tp={tp} fp={fp} fn={fn}); {pages / median:.1f} pages/s "
        f"(median of {args.runs} runs: {median:.3f} s)"
    )
    isolated = [run_isolated(docs, vocab)[0] for _ in range(args.runs)]
    isolated_median = statistics.median(isolated)
    print(
        f"pdf extraction in child processes: {isolated_median / len(docs) * 1000:.0f} ms a "
        f"document (median of {args.runs} runs: {isolated_median:.3f} s for {len(docs)})"
    )
    result = [
        {
            "name": "pdf_extraction_60_documents",
            "median_s": round(median, 4),
            "runs": args.runs,
            "peak_mb": round(peak_mb, 1),
            "pages_per_s": round(pages / median, 1),
            "precision": round(precision, 4),
            "recall": round(recall, 4),
        },
        {
            "name": "pdf_extraction_isolated_60_documents",
            "median_s": round(isolated_median, 4),
            "runs": args.runs,
            "peak_mb": round(peak_mb, 1),
            "pages_per_s": round(pages / isolated_median, 1),
        },
    ]
    if args.output:
        Path(args.output).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
