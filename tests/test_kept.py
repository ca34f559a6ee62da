"""A second start on the same data redoes no work: the validated dataset is kept on disk, under a
key of every file of its folder and the code, and made anew when anything changes."""

from __future__ import annotations

import logging

import pytest

from oppositions import dataset as dataset_module
from oppositions import kept
from oppositions.dataset import DatasetError, load_dataset


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("OPPOSITIONS_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def validations(monkeypatch):
    calls = []
    check = dataset_module.check_folder
    monkeypatch.setattr(dataset_module, "check_folder", lambda folder=None: calls.append(folder) or check(folder))
    return calls


def test_a_second_load_reads_the_kept_dataset_and_an_edit_validates_again(make_folder, cache, validations):
    folder = make_folder()
    first = load_dataset(folder)
    second = load_dataset(folder)
    assert len(validations) == 1 and second is not first  # read back from disk, not validated again
    assert (second.persons, second.memberships, second.fates, second.warnings, second.fingerprint) == (
        first.persons, first.memberships, first.fates, first.warnings, first.fingerprint)
    assert second.persons["shlyapnikov"].name == "Alexander Shlyapnikov"
    kept_files = list((cache / "datasets").glob("*.pickle"))
    assert len(kept_files) == 1 and (cache / "datasets").stat().st_mode & 0o077 == 0  # its owner's only
    edited = make_folder(edit=lambda tables: tables["persons"][0].update(name="Alexander G. Shlyapnikov"))
    assert load_dataset(edited).persons["shlyapnikov"].name == "Alexander G. Shlyapnikov"
    assert len(validations) == 2


def test_the_same_files_in_another_folder_are_their_own_dataset(make_folder, cache, tmp_path):
    import shutil

    folder = make_folder()
    copy = tmp_path / "elsewhere"
    shutil.copytree(folder, copy)
    assert load_dataset(folder).folder == folder and load_dataset(copy).folder == copy


def test_a_broken_kept_file_is_made_anew_with_a_warning(make_folder, cache, validations, caplog):
    folder = make_folder()
    load_dataset(folder)
    (path,) = (cache / "datasets").glob("*.pickle")
    path.write_bytes(b"not a pickle")
    with caplog.at_level(logging.WARNING, logger="oppositions.kept"):
        assert load_dataset(folder).persons
    assert len(validations) == 2 and "unreadable" in caplog.text


def test_bad_data_is_never_kept_and_still_fails_the_next_time(make_folder, cache):
    folder = make_folder(edit=lambda tables: tables["persons"][0].update(born="18xx"))
    for _ in range(2):
        with pytest.raises(DatasetError):
            load_dataset(folder)
    assert not list(cache.glob("datasets/*.pickle"))


def test_an_empty_cache_setting_keeps_nothing(make_folder, monkeypatch, tmp_path, validations):
    monkeypatch.setenv("OPPOSITIONS_CACHE", "")
    folder = make_folder()
    load_dataset(folder)
    load_dataset(folder)
    assert len(validations) == 2 and kept.cache_root() is None


def test_the_key_changes_with_any_file_and_with_the_code(tmp_path, monkeypatch):
    table = tmp_path / "table.csv"
    table.write_text("a,b\n1,2\n")
    before = kept.content_key([table])
    table.write_text("a,b\n1,3\n")
    assert kept.content_key([table]) != before
    monkeypatch.setattr(kept, "code_version", lambda: "another")
    assert kept.content_key([table]) != kept.content_key([table], "extra")



def test_a_kept_file_others_could_write_is_not_read(make_folder, cache, validations):
    folder = make_folder()
    load_dataset(folder)
    (path,) = (cache / "datasets").glob("*.pickle")
    path.chmod(0o666)
    load_dataset(folder)
    assert len(validations) == 2  # validated again rather than trusting the file
