"""Screenshots of the staff, manager, trainer and coordinator pages at 1280 and 390 px, and the width of each.

Runs against a server with the demo loaded (``make run`` in another terminal, or BASE_URL=...), signs in with the
demo logins and writes small palette PNGs beside this file: ``make screenshots``. With ``--measure`` it only prints
``document.documentElement.scrollWidth`` of every page at both widths, which is how a page that scrolls sideways
on a phone is found.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
PASSWORD = os.environ.get("DEMO_PASSWORD", "perhekeskus-demo")
WIDTHS = (1280, 390)
MAX_HEIGHT = {1280: 1400, 390: 1800}  # a long page is cut: the top tells a newcomer what the page is

# (file stem, who signs in, path); a path of None is found by following the first link that matches.
PAGES = [
    ("home-staff", "tyontekija", "/"),
    ("my-competences", "tyontekija", "/competences/"),
    ("self-assessment", "tyontekija", "find:/competences/assessments/\\d+/$:/competences/assessments/"),
    ("my-trainings", "tyontekija", "/my-trainings/"),
    ("home-manager", "esihenkilo", "/"),
    ("manager-heatmap", "esihenkilo", "/competences/team/"),
    ("manager-heatmap-drill-down", "esihenkilo", "find:/competences/team/groups/:/competences/team/"),
    ("people-list", "esihenkilo", "/team/"),
    ("person-page", "esihenkilo", "find:/people/\\d+/$:/team/"),
    ("catalogue", "tyontekija", "/koulutukset/"),
    ("course-page", "tyontekija", "/koulutukset/perhekeskus-tutuksi/"),
    ("home-trainer", "kouluttaja", "/"),
    ("organiser-sessions", "kouluttaja", "/organiser/sessions/"),
    ("organiser-session-ended", "kouluttaja", "find:/organiser/sessions/\\d+/$:/organiser/sessions/?status=ended"),
    ("home-coordinator", "koordinaattori", "/"),
]


def sign_in(page, base_url: str, who: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=login]", f"{who}@pohjoissavo.example")
    page.fill("input[name=password]", PASSWORD)
    page.click("form [type=submit]")
    page.wait_for_load_state()


def resolve(page, base_url: str, path: str) -> str | None:
    if not path.startswith("find:"):
        return path
    _, pattern, start = path.split(":", 2)
    page.goto(base_url + start)
    for href in page.eval_on_selector_all("main a[href]", "links => links.map(a => a.getAttribute('href'))"):
        if re.search(pattern, href.split("?")[0]):
            return href
    return None


def small_png(data: bytes) -> bytes:
    """A 256-colour palette PNG: a screenshot of flat colours and text loses nothing visible."""
    from PIL import Image

    image = Image.open(io.BytesIO(data)).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default=os.environ.get("BASE_URL", "http://127.0.0.1:8000"))
    parser.add_argument("--measure", action="store_true", help="print the widths only, take no screenshots")
    parser.add_argument("--language", default="", help="'sv' or 'en' for that language's pages")
    args = parser.parse_args()
    base = args.base_url.rstrip("/")
    prefix = f"/{args.language}" if args.language else ""
    too_wide = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 900}, locale="fi-FI")
            page = context.new_page()
            who_now = None
            for stem, who, path in PAGES:
                if who != who_now:
                    sign_in(page, base, who)
                    who_now = who
                found = resolve(page, base, path)
                if found is None:
                    print(f"{stem}: no link found for {path}", file=sys.stderr)
                    continue
                if prefix and not found.startswith(prefix + "/"):
                    found = prefix + found
                page.goto(base + found)
                scroll_width = page.evaluate("document.documentElement.scrollWidth")
                height = page.evaluate("document.documentElement.scrollHeight")
                flag = "" if scroll_width <= width else "  <- scrolls sideways"
                print(f"{width:>4} px  {scroll_width:>5} wide  {height:>6} tall  {stem} {found}{flag}")
                if scroll_width > width:
                    too_wide.append((width, stem))
                if not args.measure:
                    shot = page.screenshot(
                        full_page=True, clip={"x": 0, "y": 0, "width": width, "height": min(height, MAX_HEIGHT[width])}
                    )
                    name = f"{stem}{'-' + args.language if args.language else ''}-{width}.png"
                    (HERE / name).write_bytes(small_png(shot))
            context.close()
        browser.close()
    return 1 if too_wide else 0


if __name__ == "__main__":
    sys.exit(main())
