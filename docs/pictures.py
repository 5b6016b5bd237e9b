"""Regenerate the pictures of the sample report that the README and docs/exports.md show.

    .venv/bin/python docs/pictures.py [--browser chromium]

Builds the tests' sample evaluation (tests/export_support.py: North Leeds,
2026/27) in a temporary folder and writes, next to this script:

- report-html.png: the top of the HTML report as a headless browser shows it
  (Chromium or Chrome, 1200x1600);
- report-pdf-page.png: the PDF page that holds the rating profile, at 80 dpi
  (pdftoppm, from poppler-utils);
- report-rating-profile.svg: the rating profile as the HTML report inlines it.

Issue 18 asks for these to be looked at by eye whenever the layout changes,
rather than compared pixel by pixel: look at both PNGs before committing them.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from export_support import EXPORT_DATE, PARTNERSHIP, YEAR, build_sample
from pypdf import PdfReader

from selfeval_tui.bank import load_framework
from selfeval_tui.exports import export_document
from selfeval_tui.exports.charts import rating_profile
from selfeval_tui.exports.data import gather
from selfeval_tui.exports.svg import svg
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.store import Store

PROFILE_PAGE_HEADING = "3.2 Self-evaluation overview"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--browser", default="chromium", help="a Chromium or Chrome that takes --headless (default: chromium)")
    args = parser.parse_args()
    framework = load_framework()
    actor = Actor("coordinator")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        db = work / "sample.sqlite3"
        build_sample(db, framework)
        with Store.open(db) as store:
            partnership = store.partnership_by_name(PARTNERSHIP)
            assert partnership is not None
            evaluation = store.evaluation(partnership.id, YEAR)
            assert evaluation is not None
            services = Services(store)
            page = export_document(services, actor, framework, evaluation, "report", "html", EXPORT_DATE)
            pdf = export_document(services, actor, framework, evaluation, "report", "pdf", EXPORT_DATE)
            data = gather(services.export_view(actor, framework, evaluation), date=EXPORT_DATE)
        assert isinstance(page, str) and isinstance(pdf, bytes)
        (HERE / "report-rating-profile.svg").write_text(svg(rating_profile(data)) + "\n", encoding="utf-8")
        html_file = work / "report.html"
        html_file.write_text(page, encoding="utf-8")
        subprocess.run(
            [args.browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
             f"--screenshot={HERE / 'report-html.png'}", "--window-size=1200,1600", html_file.as_uri()],
            check=True, capture_output=True,
        )  # fmt: skip
        pdf_file = work / "report.pdf"
        pdf_file.write_bytes(pdf)
        number = next(i for i, p in enumerate(PdfReader(pdf_file).pages, start=1) if PROFILE_PAGE_HEADING in p.extract_text())
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-f", str(number), "-l", str(number), "-singlefile", str(pdf_file), str(HERE / "report-pdf-page")],
            check=True,
        )  # fmt: skip
    print(f"wrote {HERE / 'report-html.png'}, {HERE / 'report-pdf-page.png'} (page {number}) and {HERE / 'report-rating-profile.svg'}")


if __name__ == "__main__":
    main()
