"""The dataset as one package: a zip that validates as a Frictionless Data Package and loads
back with the project's own loader, from the command line and from the About page."""

from __future__ import annotations

import io
import zipfile

import frictionless
from shipped import shipped

import app
from oppositions.cli import main
from oppositions.dataset import load_dataset
from oppositions.package import package_name

DATA = shipped()


def test_the_package_validates_and_loads_back_as_the_same_data(tmp_path):
    assert main(["export-data", "--package", "--out", str(tmp_path)]) == 0
    (path,) = tmp_path.glob("*.zip")
    assert path.name == package_name(DATA) and DATA.version in path.name and DATA.fingerprint in path.name
    folder = tmp_path / "unzipped"
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        archive.extractall(folder)
    assert {"datapackage.json", "README.md", "LICENSE.txt", "persons.csv", "fates.csv", "sources.csv"} <= names
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    back = load_dataset(folder)
    assert back.fingerprint == DATA.fingerprint and back.counts() == DATA.counts()
    licence = (folder / "LICENSE.txt").read_text()
    assert "Attribution-ShareAlike 4.0" in licence and "creativecommons.org/licenses/by-sa/4.0" in licence


def test_the_about_page_offers_the_same_package():
    client = app.create_app(DATA).server.test_client()
    response = client.get("/dataset.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert package_name(DATA) in response.headers["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        assert "datapackage.json" in archive.namelist()
