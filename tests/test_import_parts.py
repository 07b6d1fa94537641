"""The importers' building blocks: CSV writing, pseudonyms, reading cells, atomic writes."""

from __future__ import annotations

import hashlib
import hmac
import io
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wres_analysis.importers.esr import person_codes
from wres_analysis.importers.output import csv_bytes, write_files
from wres_analysis.importers.pseudonym import (
    PERSON_DOMAIN,
    Salt,
    digests,
    person_key,
    prefixed_hex,
)
from wres_analysis.importers.reading import cell_text, heading_key
from wres_analysis.importers.unmapped import encode

SALT = Salt(b"a-salt-for-the-property-tests", "test")
cells = st.text(st.characters(exclude_characters="\r", exclude_categories=("Cs",)), max_size=12)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(cells, cells, cells), min_size=1, max_size=20))
def test_csv_bytes_are_what_pandas_writes(rows):
    frame = pd.DataFrame(rows, columns=["staff_id", "ethnic, category", 'say "hi"'])
    expected = frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
    assert csv_bytes({c: frame[c].to_numpy(dtype=object) for c in frame}) == expected
    # and a dictionary column (each distinct value quoted once) gives the same bytes
    codes, values = pd.factorize(frame["staff_id"])
    column = pa.DictionaryArray.from_arrays(
        pa.array(codes.astype(np.int32)), pa.array(list(values), pa.large_string())
    )
    others = {c: frame[c].to_numpy(dtype=object) for c in frame.columns[1:]}
    assert csv_bytes({"staff_id": column, **others}) == expected


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(*[st.text(alphabet='ab ,"\n', max_size=4)] * 2), min_size=1, max_size=8))
def test_csv_bytes_quote_as_pandas_whether_or_not_a_value_needs_quotes(rows):
    """Both ways of writing (pyarrow unquoted; quoted by kernels when a value needs it)."""
    frame = pd.DataFrame(rows, columns=["a", "b"])
    expected = frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
    assert csv_bytes({c: frame[c].to_numpy(dtype=object) for c in frame}) == expected


def test_csv_bytes_read_back_as_written():
    text = csv_bytes({"a": ["x", "y,z", 'q"r', "", "line\nbreak"], "b": ["1", "2", "3", "4", "5"]})
    back = pd.read_csv(io.BytesIO(text), dtype=str, keep_default_na=False)
    assert list(back["a"]) == ["x", "y,z", 'q"r', "", "line\nbreak"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.binary(max_size=40), min_size=1, max_size=10), st.binary(min_size=16))
def test_pseudonyms_are_truncated_hmac_sha256(identifiers, secret):
    salt = Salt(secret, "test")
    raw = digests(identifiers, salt, PERSON_DOMAIN)
    for i, identifier in enumerate(identifiers):
        expected = hmac.new(secret, PERSON_DOMAIN.encode() + identifier, hashlib.sha256).digest()
        assert raw[8 * i : 8 * i + 8] == expected[:8]
    texts = prefixed_hex(raw, "S").to_pylist()
    assert texts == ["S" + raw[8 * i : 8 * i + 8].hex() for i in range(len(identifiers))]


def test_a_known_staff_id_never_changes():
    """staff_ids must match from year to year: any change of method would break that."""
    salt = Salt(b"wres known-answer salt", "test")
    assert prefixed_hex(digests([b"12345678"], salt, PERSON_DOMAIN), "S").to_pylist() == [
        "S" + hmac.new(b"wres known-answer salt", b"esr-person:12345678", "sha256").hexdigest()[:16]
    ]
    assert prefixed_hex(digests([b"12345678"], salt, PERSON_DOMAIN), "S").to_pylist() == [
        "Sface473a8e8d1b4e"
    ]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(alphabet="0123456789 aZ", max_size=8), min_size=1, max_size=30))
def test_person_numbers_are_normalised_alike_in_both_paths(values):
    codes, people = person_codes(pa.chunked_array([pa.array(values, pa.large_string())]))
    normal = [people[int(c)].as_py() for c in codes]
    assert normal == [person_key(v) for v in values]
    assert len(set(people.to_pylist())) == len(people)  # one code per person


def test_person_numbers_with_leading_zeros_are_one_person():
    codes, people = person_codes(pa.array(["00012345", "12345", " 12345 ", "0"], pa.large_string()))
    assert codes.tolist() == [0, 0, 0, 1] and people.to_pylist() == ["12345", "0"]
    codes, people = person_codes(pa.array(["0042", "42", "00"], pa.large_string()))
    assert codes.tolist() == [0, 0, 1] and people.to_pylist() == ["42", "0"]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (12345678.0, "12345678"),
        (0.6, "0.6"),
        (None, ""),
        (True, "TRUE"),
        ("Band 5", "Band 5"),
        (7, "7"),
    ],
)
def test_spreadsheet_cells_read_as_people_see_them(value, text):
    assert cell_text(value) == text


def test_headings_compare_without_case_spaces_or_underscores():
    assert heading_key(" Employee_Number ") == heading_key("employee number") == "employeenumber"


def test_encoding_chunked_columns_keeps_each_rows_value():
    chunks = [["a", "b"], ["b", "c", "a"], [], ["d"]]
    coded = encode(pa.chunked_array([pa.array(c, pa.large_string()) for c in chunks]))
    assert [coded.values[i] for i in coded.codes] == ["a", "b", "b", "c", "a", "d"]


def test_write_files_replaces_all_or_nothing(tmp_path, monkeypatch):
    first, second = tmp_path / "a.csv", tmp_path / "a.import.json"
    write_files({first: b"old\n", second: b"{}\n"})
    real_replace = os.replace
    calls = []

    def failing(src, dst):  # the second file cannot be written: the first stays old
        calls.append(dst)
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OSError):
        write_files({first: b"new\n", second: b'{"new": 1}\n'})
    monkeypatch.setattr(os, "replace", real_replace)
    assert first.read_bytes() == b"old\n" and second.read_bytes() == b"{}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "a.import.json"]
    assert calls


def test_written_files_get_ordinary_permissions(tmp_path):
    [path] = write_files({tmp_path / "x" / "w.csv": b"a\n"})
    assert path.read_bytes() == b"a\n" and (path.stat().st_mode & 0o044) == 0o044
    assert Path(path).parent == tmp_path / "x"
