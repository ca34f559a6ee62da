"""The dataset as one package: the CSV tables with their descriptor, the data README and the
licence, in a zip named by the dataset's name, version and fingerprint
(``oppositions-rkp-0.1.0-f57473874fdb.zip``): what a historian cites and a reader re-uses.

The zip is a Frictionless Data Package: unzipped, ``frictionless validate datapackage.json``
checks it, and the project's own loader reads it as it reads ``data/``.
"""

from __future__ import annotations

import io
import json
import zipfile

from .dataset import DESCRIPTOR_PATH, Dataset

__all__ = ["package_name", "package_bytes"]

LICENCES = {"CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/"}
EXTRA_FILES = ("README.md", "story.csv", "story.schema.json")


def package_name(dataset: Dataset) -> str:
    """``<name>-<version>-<fingerprint>.zip``."""
    descriptor = json.loads(DESCRIPTOR_PATH.read_text(encoding="utf-8"))
    return f"{descriptor.get('name', 'dataset')}-{dataset.version or '0'}-{dataset.fingerprint}.zip"


def _licence(descriptor: dict, dataset: Dataset) -> str:
    lines = [f"{dataset.title}, version {dataset.version} (data version {dataset.fingerprint})", ""]
    for licence in descriptor.get("licenses", []):
        lines.append(f"Licensed under {licence.get('title', licence.get('name'))} ({licence.get('name')}):")
        lines.append(licence.get("path") or LICENCES.get(licence.get("name", ""), ""))
    lines += ["", "Every row cites its sources (sources.csv); cite the dataset with its version and data "
              "version, and the sources for the facts you use."]
    return "\n".join(lines) + "\n"


def package_bytes(dataset: Dataset) -> bytes:
    """The zip: the descriptor, every table it names, the README, the story and the licence."""
    descriptor = json.loads(DESCRIPTOR_PATH.read_text(encoding="utf-8"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n")
        for resource in descriptor["resources"]:
            archive.write(dataset.folder / resource["path"], resource["path"])
        for name in EXTRA_FILES:
            path = dataset.folder / name
            if not path.exists():
                path = DESCRIPTOR_PATH.parent / name
            if path.exists():
                archive.write(path, name)
        archive.writestr("LICENSE.txt", _licence(descriptor, dataset))
    return buffer.getvalue()
