"""The French interface catalogue: every message translated, none fuzzy, and the compiled
catalogue the portal loads holds exactly what the .po file says."""

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

PO_FILES = sorted(Path(settings.BASE_DIR, "locale", "fr", "LC_MESSAGES").glob("*.po"))
MSGFMT = shutil.which("msgfmt")


def _compile(po: Path, out: Path) -> str:
    result = subprocess.run([MSGFMT, "--check-format", "--statistics", "-o", str(out),
                             str(po)], capture_output=True, text=True, check=True)
    return result.stderr


def test_msgfmt_is_installed():
    assert MSGFMT, "msgfmt (gettext) is needed to compile the translations"


def test_the_french_catalogue_exists():
    assert [po.name for po in PO_FILES if po.name == "django.po"] == ["django.po"]


@pytest.mark.parametrize("po", PO_FILES, ids=lambda po: po.name)
def test_french_catalogue_has_no_untranslated_or_fuzzy_message(po, tmp_path):
    statistics = _compile(po, tmp_path / "check.mo")
    assert "untranslated" not in statistics and "fuzzy" not in statistics, statistics


@pytest.mark.parametrize("po", PO_FILES, ids=lambda po: po.name)
def test_compiled_french_catalogue_matches_the_po_file(po, tmp_path):
    fresh = tmp_path / "fresh.mo"
    _compile(po, fresh)
    shipped = po.with_suffix(".mo")
    assert shipped.exists(), f"{shipped.name} is missing: run compilemessages"
    with fresh.open("rb") as handle:
        expected = gettext.GNUTranslations(handle)._catalog
    with shipped.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    missing = sorted(str(key) for key in expected.keys() - compiled.keys())
    assert not missing, f"not compiled yet ({len(missing)}): {missing[:5]}"
    stale = sorted(str(key) for key in expected if compiled[key] != expected[key])
    assert not stale, f"compiled translation differs from the .po ({len(stale)}): {stale[:5]}"
