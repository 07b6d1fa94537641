"""The importers' building blocks: CSV writing, pseudonyms, reading cells, atomic writes."""

from __future__ import annotations

import hashlib
import io
import os
import platform
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wres_analysis.importers import output, pseudonym
from wres_analysis.importers.esr import _in_key_order, person_codes, person_texts
from wres_analysis.importers.memory import keep_freed_memory
from wres_analysis.importers.output import BATCH_ROWS, CsvTable, csv_bytes, fold, write_files
from wres_analysis.importers.pseudonym import (
    BOARD_DOMAIN,
    PERSON_DOMAIN,
    Salt,
    digests,
    person_key,
    prefixed_hex,
)
from wres_analysis.importers.reading import Wanted, cell_text, heading_key, read_export
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


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["", "x", "a,b"]), max_size=6), st.booleans())
def test_a_file_of_one_column_writes_what_pandas_writes(values, encoded):
    """pandas writes an empty cell of a one-column file as "" (a blank line would be no row)."""
    frame = pd.DataFrame({"a": values}, dtype=object)
    expected = frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
    column = _encoded(values) if encoded and values else pa.array(values, pa.large_string())
    assert csv_bytes({"a": column}) == expected


def test_chunked_columns_write_as_whole_ones():
    """Columns as pyarrow reads them (in chunks; dictionaries differing chunk by chunk)."""
    plain = pa.chunked_array([pa.array(["a", "b,c"]), pa.array(["d"])])
    encoded = pa.chunked_array(
        [pa.array(["x", "y"]).dictionary_encode(), pa.array(["y"]).dictionary_encode()]
    )
    assert csv_bytes({"p": plain, "e": encoded}) == b'p,e\na,x\n"b,c",y\nd,y\n'


def test_a_value_needing_quotes_in_a_late_batch_is_quoted(tmp_path):
    """Rows stream out in batches; a comma in a late batch is quoted there, and the hash
    recorded is that of the whole file as written."""
    rows = BATCH_ROWS + 5
    frame = pd.DataFrame({"a": [f"S{i:06d}" for i in range(rows)], "b": ["x"] * rows})
    frame.loc[rows - 1, "b"] = "late, with a comma"
    expected = frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
    table = CsvTable({c: frame[c].to_numpy(dtype=object) for c in frame})
    assert table.to_bytes() == expected
    hashes = write_files({tmp_path / "w.csv": table})
    assert (tmp_path / "w.csv").read_bytes() == expected
    assert hashes == {tmp_path / "w.csv": hashlib.sha256(expected).hexdigest()}


def _encoded(values: list[str]) -> pa.DictionaryArray:
    """A dictionary column whose dictionary repeats values (as a mapping's targets do)."""
    distinct = sorted(set(values))
    dictionary = [*distinct, *distinct]  # every value twice: equal values must count as one
    codes = [distinct.index(v) + len(distinct) * (i % 2) for i, v in enumerate(values)]
    return pa.DictionaryArray.from_arrays(
        pa.array(codes, pa.int32()), pa.array(dictionary, pa.large_string())
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(cells, st.sampled_from(["A", "B,", '"C"']), cells), min_size=1, max_size=30),
    st.randoms(use_true_random=False),
    st.sampled_from([2, 4, 1 << 22]),
)
def test_folded_columns_write_what_pandas_writes(rows, random, max_combinations):
    """Dictionary columns folded into line ends (renumbered however small the limit on
    combinations), then put in another order, write the bytes pandas writes for the rows in
    that order; so do tables that are all dictionary columns."""
    frame = pd.DataFrame(rows, columns=["staff_id", "band", "ethnic, category"])
    order = list(range(len(frame)))
    random.shuffle(order)
    expected = frame.iloc[order].to_csv(index=False, lineterminator="\n").encode("utf-8")
    tail = {c: _encoded(list(frame[c])) for c in frame.columns[1:]}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(output, "MAX_COMBINATIONS", max_combinations)
        folded = fold(tail).take(np.array(order))
        ids = pa.array(list(frame["staff_id"].iloc[order]), pa.large_string())
        assert CsvTable({"staff_id": ids}, folded).to_bytes() == expected
        every = {c: _encoded(list(frame[c].iloc[order])) for c in frame.columns}
        assert csv_bytes(every) == expected


def test_malloc_is_tuned_where_the_c_library_is_glibc():
    assert keep_freed_memory() is (platform.libc_ver()[0] == "glibc")


def test_a_summary_carries_the_hash_of_the_file_written_before_it(tmp_path):
    first, second = tmp_path / "w.csv", tmp_path / "w.json"
    write_files({first: b"a\n", second: lambda hashes: hashes[first].encode()})
    assert second.read_bytes() == hashlib.sha256(b"a\n").hexdigest().encode()


def test_csv_bytes_read_back_as_written():
    text = csv_bytes({"a": ["x", "y,z", 'q"r', "", "line\nbreak"], "b": ["1", "2", "3", "4", "5"]})
    back = pd.read_csv(io.BytesIO(text), dtype=str, keep_default_na=False)
    assert list(back["a"]) == ["x", "y,z", 'q"r', "", "line\nbreak"]


MASK64 = (1 << 64) - 1


def _rotl(x: int, b: int) -> int:
    return ((x << b) | (x >> (64 - b))) & MASK64


def reference_siphash24(key: bytes, message: bytes) -> int:
    """SipHash-2-4 as its paper defines it (Aumasson and Bernstein, 2012): the test oracle."""
    k0, k1 = int.from_bytes(key[:8], "little"), int.from_bytes(key[8:], "little")
    v = [k0 ^ 0x736F6D6570736575, k1 ^ 0x646F72616E646F6D, k0 ^ 0x6C7967656E657261]
    v.append(k1 ^ 0x7465646279746573)

    def rounds(n: int) -> None:
        for _ in range(n):
            v[0] = (v[0] + v[1]) & MASK64
            v[1] = _rotl(v[1], 13) ^ v[0]
            v[0] = _rotl(v[0], 32)
            v[2] = (v[2] + v[3]) & MASK64
            v[3] = _rotl(v[3], 16) ^ v[2]
            v[0] = (v[0] + v[3]) & MASK64
            v[3] = _rotl(v[3], 21) ^ v[0]
            v[2] = (v[2] + v[1]) & MASK64
            v[1] = _rotl(v[1], 17) ^ v[2]
            v[2] = _rotl(v[2], 32)

    tail = len(message) % 8
    blocks = [message[i : i + 8] for i in range(0, len(message) - tail, 8)]
    last = message[len(message) - tail :] + bytes(7 - tail) + bytes([len(message) & 0xFF])
    for block in [*blocks, last]:
        m = int.from_bytes(block, "little")
        v[3] ^= m
        rounds(2)
        v[0] ^= m
    v[2] ^= 0xFF
    rounds(4)
    return v[0] ^ v[1] ^ v[2] ^ v[3]


def splitmix64_finaliser(x: int) -> int:
    x ^= x >> 30
    x = (x * 0xBF58476D1CE4E5B9) & MASK64
    x ^= x >> 27
    x = (x * 0x94D049BB133111EB) & MASK64
    return x ^ (x >> 31)


def test_the_reference_siphash_gives_the_published_test_vectors():
    """The oracle itself, against the vectors of the SipHash reference implementation
    (key 00 01 .. 0f, messages of 0, 1 and 15 bytes 00 01 ..)."""
    key = bytes(range(16))
    assert reference_siphash24(key, b"") == 0x726FDB47DD0E0E31
    assert reference_siphash24(key, bytes(range(1))) == 0x74F839C593DC67FD
    assert reference_siphash24(key, bytes(range(15))) == 0xA129CA6149BE45E5


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=40), min_size=1, max_size=10), st.binary(min_size=16))
def test_pseudonyms_are_the_documented_keyed_siphash(identifiers, secret):
    """staff_id = S + hex of splitmix64's finaliser over SipHash-2-4 of the UTF-8 bytes,
    keyed by BLAKE2b-128 of the salt personalised by the use (pseudonym's docstring)."""
    salt = Salt(secret, "test")
    hashes = digests(identifiers, salt, PERSON_DOMAIN)
    key = hashlib.blake2b(secret, digest_size=16, person=b"esr-person").digest()
    expected = [
        splitmix64_finaliser(reference_siphash24(key, text.encode("utf-8"))) for text in identifiers
    ]
    assert hashes.dtype == np.uint64 and hashes.tolist() == expected
    assert prefixed_hex(hashes, "S").to_pylist() == [f"S{h:016x}" for h in expected]
    # the same identifiers as an arrow column hash alike
    as_column = pa.chunked_array([pa.array(identifiers, pa.large_string())])
    assert digests(as_column, salt, PERSON_DOMAIN).tolist() == expected


def test_pseudonyms_do_not_depend_on_how_many_are_hashed_at_a_time(monkeypatch):
    salt = Salt(b"wres known-answer salt", "test")
    identifiers = [str(n) for n in range(10)]
    one_by_one = [int(digests([i], salt, PERSON_DOMAIN)[0]) for i in identifiers]
    monkeypatch.setattr(pseudonym, "CHUNK", 3)
    assert digests(identifiers, salt, PERSON_DOMAIN).tolist() == one_by_one


def test_each_use_of_the_salt_has_its_own_pseudonyms():
    salt = Salt(b"wres known-answer salt", "test")
    person = digests(["Ada Lovelace"], salt, PERSON_DOMAIN)
    member = digests(["Ada Lovelace"], salt, BOARD_DOMAIN)
    assert person.tolist() != member.tolist()


def test_a_known_staff_id_never_changes():
    """staff_ids must match from year to year: any change of method (or of how pandas
    computes it) would break that, and fails here."""
    salt = Salt(b"wres known-answer salt", "test")
    assert prefixed_hex(digests(["12345678"], salt, PERSON_DOMAIN), "S").to_pylist() == [
        "S9e9a3a36458f9afd"
    ]
    assert prefixed_hex(digests(["Ada Lovelace"], salt, BOARD_DOMAIN), "M").to_pylist() == [
        "M83eb9ddb1ab867ef"
    ]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(alphabet="0123456789 aZ", max_size=8), min_size=1, max_size=30))
def test_person_numbers_are_normalised_alike_in_both_paths(values):
    codes, distinct = person_codes(pa.chunked_array([pa.array(values, pa.large_string())]))
    people = person_texts(distinct)
    normal = [people[int(c)].as_py() for c in codes]
    assert normal == [person_key(v) for v in values]
    assert len(set(people.to_pylist())) == len(people)  # one code per person


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.one_of(st.integers(0, 10**6), st.integers(0, 10**18 - 1)), min_size=1, max_size=40),
    st.booleans(),
)
def test_person_numbers_in_order_or_not_are_coded_alike(numbers, in_order):
    """In order, people are numbered in one pass; else by a radix sort of 16 bits a pass
    (up to four passes for 18 digits)."""
    texts = [str(n) for n in (sorted(numbers) if in_order else numbers)]
    codes, distinct = person_codes(pa.array(texts, pa.large_string()))
    people = person_texts(distinct)
    assert [people[int(c)].as_py() for c in codes] == texts
    assert sorted(people.to_pylist()) == sorted(set(texts))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 2**64 - 1), unique=True, max_size=300))
def test_staff_ids_are_put_in_the_order_argsort_gives(keys):
    keys = np.array(keys, dtype=np.uint64)
    with ThreadPoolExecutor(max_workers=1) as pool:
        for people in (_in_key_order(keys), _in_key_order(keys, pool)):
            assert people.order.tolist() == np.argsort(keys).tolist()
            assert people.keys.tolist() == sorted(keys.tolist())
            assert people.ids.to_pylist() == [f"S{k:016x}" for k in sorted(keys.tolist())]


def test_person_numbers_with_leading_zeros_are_one_person():
    for numbers, expected in [
        (["00012345", "12345", " 12345 ", "0"], ["12345", "12345", "12345", "0"]),
        (["0042", "42", "00"], ["42", "42", "0"]),  # all digits, not in order
    ]:
        codes, people = person_codes(pa.array(numbers, pa.large_string()))
        texts = person_texts(people).to_pylist()
        assert [texts[c] for c in codes] == expected and len(texts) == len(set(expected))


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


def test_only_rows_blank_in_every_column_read_are_skipped(tmp_path):
    source = tmp_path / "export.csv"
    source.write_text("a,b,c\n1,x,\n,,\n,y,\n,,z\n2,,\n", encoding="utf-8")
    wanted = {"a": Wanted(("a",)), "b": Wanted(("b",)), "c": Wanted(("c",))}
    export = read_export(source, wanted)
    assert export.rows.tolist() == [2, 4, 5, 6] and export.skipped_blank == 1
    assert export.columns["b"].to_pylist() == ["x", "y", "", ""]


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
