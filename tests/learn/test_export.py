"""The static e-learning module and the SCORM package, without a browser."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile

import pytest
from testsupport import ROOT

from game.cli import main
from game.learn.export import SCORM_FILE, check_game_url, export_elearning

NS = {
    "cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
}
PATHS = ["daten_champions", "govtech_kommunen", "leitung_30_minuten"]


@pytest.fixture
def exported(content_root, tmp_path):
    return export_elearning(content_root, tmp_path / "out")


class TestStaticModule:
    def test_writes_every_page(self, exported):
        names = sorted(page.name for page in exported.pages)
        assert names == sorted(
            ["index.html"]
            + [f"pfad-{path}.html" for path in PATHS]
            + [
                f"playbook-{name}{suffix}.html"
                for name in (
                    "dsgvo",
                    "erfolg",
                    "governance",
                    "praesentation",
                    "schnittstellen",
                    "testdaten",
                )
                for suffix in ("", ".en")
                # An English page exists only where the playbook has a NAME.en.md.
                if not suffix
                or (ROOT / f"learning_paths/playbooks/{name}.en.md").exists()
            ]
        )
        assert (exported.html_dir / "assets/lernpfad.js").exists()

    def test_pages_link_the_game_relatively(self, exported):
        for page in exported.pages:
            html = page.read_text(encoding="utf-8")
            lang = "en" if page.name.endswith(".en.html") else "de"
            assert f'lang="{lang}"' in html.split("\n", 2)[1]
            assert 'href="../web/index.html"' in html, page.name

    def test_content_links_resolve_to_pages(self, exported):
        html = (exported.html_dir / "pfad-daten_champions.html").read_text(
            encoding="utf-8"
        )
        assert 'href="playbook-governance.html#rollen"' in html
        assert 'href="#l-team_bilden"' in html
        assert "playbook:" not in html.replace("Playbook", "")
        assert "lektion:" not in html

    def test_text_from_content_is_escaped(self, content_root, tmp_path):
        lessons = content_root / "learning_paths/lektionen/leitung.yaml"
        text = lessons.read_text(encoding="utf-8")
        text = text.replace(
            'de: "Warum Daten Chefsache sind"',
            'de: "Warum <script>alert(1)</script> Chefsache sind"',
        )
        text = text.replace(
            "      Kommunen erfüllen eine enorme Bandbreite",
            "      <img src=x onerror=alert(2)> Kommunen erfüllen eine enorme "
            "Bandbreite",
        )
        lessons.write_text(text, encoding="utf-8")
        result = export_elearning(content_root, tmp_path / "out", scorm=False)
        html = (result.html_dir / "pfad-leitung_30_minuten.html").read_text(
            encoding="utf-8"
        )
        assert "<script>alert(1)" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "<img" not in html
        assert "&lt;img src=x onerror=alert(2)&gt;" in html
        # The embedded JSON cannot close its script element either.
        assert "\\u003cscript\\u003ealert(1)" in html

    @pytest.mark.parametrize(
        "url", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x"]
    )
    def test_rejects_unsafe_game_url(self, url):
        with pytest.raises(ValueError):
            check_game_url(url)

    def test_accepts_relative_and_https_game_url(self):
        assert check_game_url("../web/index.html") == "../web/index.html"
        assert (
            check_game_url("https://example.org/spiel/") == "https://example.org/spiel/"
        )


class TestScormPackage:
    def test_manifest_has_one_sco_per_path(self, exported):
        with zipfile.ZipFile(exported.scorm_zip) as archive:
            manifest = ET.fromstring(archive.read("imsmanifest.xml"))
            names = set(archive.namelist())
        assert manifest.find("cp:metadata/cp:schemaversion", NS).text == "1.2"
        items = manifest.findall("cp:organizations/cp:organization/cp:item", NS)
        assert [item.get("identifierref") for item in items] == [
            f"pfad_{p}" for p in PATHS
        ]
        scormtype = f"{{{NS['adlcp']}}}scormtype"
        resources = manifest.findall("cp:resources/cp:resource", NS)
        scos = [resource for resource in resources if resource.get(scormtype) == "sco"]
        assert [sco.get("href") for sco in scos] == [f"pfad-{p}.html" for p in PATHS]
        for resource in resources:
            for file in resource.findall("cp:file", NS):
                assert file.get("href") in names

    def test_package_without_absolute_game_url_has_no_game_link(self, exported):
        with zipfile.ZipFile(exported.scorm_zip) as archive:
            html = archive.read("pfad-leitung_30_minuten.html").decode("utf-8")
        assert "../web/index.html" not in html
        assert 'id="spiel-hinweis"' in html
        assert 'target="_blank"' in html

    def test_package_links_absolute_game_url(self, content_root, tmp_path):
        result = export_elearning(
            content_root, tmp_path / "out", "https://example.org/spiel/"
        )
        with zipfile.ZipFile(result.scorm_zip) as archive:
            html = archive.read("pfad-leitung_30_minuten.html").decode("utf-8")
        assert 'href="https://example.org/spiel/"' in html

    def test_zip_is_reproducible(self, content_root, tmp_path):
        first = export_elearning(content_root, tmp_path / "a").scorm_zip.read_bytes()
        second = export_elearning(content_root, tmp_path / "b").scorm_zip.read_bytes()
        assert first == second


class TestCommand:
    def test_export_command(self, content_root, tmp_path, capsys):
        code = main(
            [
                "export-elearning",
                "--out",
                str(tmp_path / "e"),
                "--root",
                str(content_root),
            ]
        )
        assert code == 0
        assert (tmp_path / "e" / SCORM_FILE).exists()
        assert "SCORM 1.2" in capsys.readouterr().out

    def test_export_command_reports_problems(self, content_root, tmp_path, capsys):
        path = content_root / "learning_paths/lektionen/umsetzen.yaml"
        path.write_text(
            path.read_text(encoding="utf-8").replace(
                '"governance#rollen", "governance#entscheidungen"',
                '"governance#rolen", "governance#entscheidungen"',
            ),
            encoding="utf-8",
        )
        code = main(
            [
                "export-elearning",
                "--out",
                str(tmp_path / "e"),
                "--root",
                str(content_root),
            ]
        )
        assert code == 1
        assert (
            "Playbook `governance` hat keinen Abschnitt `rolen`"
            in capsys.readouterr().out
        )

    def test_export_command_rejects_bad_url(self, content_root, tmp_path, capsys):
        code = main(
            [
                "export-elearning",
                "--out",
                str(tmp_path / "e"),
                "--root",
                str(content_root),
                "--game-url",
                "javascript:alert(1)",
            ]
        )
        assert code == 2
        assert "javascript" in capsys.readouterr().out


def test_lessons_carry_english_version(exported):
    page = next(p for p in exported.pages if p.name == "pfad-daten_champions.html")
    html = page.read_text(encoding="utf-8")
    english = html.split('<details class="en-version" lang="en">')
    # One English block per lesson of the path, after the German text.
    assert len(english) - 1 == 13
    assert "<summary>English version of this lesson</summary>" in english[1]
    assert html.index('id="l-zyklen_ueberblick"') < html.index('class="en-version"')
