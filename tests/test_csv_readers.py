"""The three CSV readers (Python split, pyarrow, pandas) give the same cells, rows and errors.

Small plain files are split in Python, large ones parsed by pyarrow, and anything unusual is
left to pandas, whose messages name the row. Each reader is forced in turn on the same text;
the table (headings, spreadsheet rows, cells) or the error must be identical.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wres_analysis.errors import InputError
from wres_analysis.inputs import csvio
from wres_analysis.inputs.csvio import read_csv_text, read_table

HEADINGS = ["a", "b", " c ", "", "d e"]
CELLS = ["", " ", "x", "1", "y z", "  7", "é", "n\x00", '"q"', '"a,b"', '"x""y"', "-"]
ENDINGS = ["\n", "\r\n", "\r"]


def outcome(path: Path) -> tuple:
    """What reading gives: ('ok', headings, rows, cells) or ('error', messages)."""
    try:
        table = read_table(path, "add a header", plain=("a",), coded=("b", "c", ""))
    except InputError as exc:
        return ("error", [str(p) for p in exc.problems])
    return ("ok", table.names, table.rows.tolist(), [c.to_list() for c in table.cells])


def all_readers(path: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    """The outcome of each reader forced in turn: split, pyarrow, pandas, and pyarrow
    reading from disk (as large files are read)."""
    results = [outcome(path)]
    with monkeypatch.context() as m:
        m.setattr(csvio, "SMALL_FILE", 0)  # plain files go to pyarrow
        results.append(outcome(path))
    with monkeypatch.context() as m:
        m.setattr(csvio, "_simple", lambda data, start: False)  # everything to pandas
        results.append(outcome(path))
    with monkeypatch.context() as m:
        m.setattr(csvio, "LARGE_FILE", 0)  # every file read by pyarrow from disk
        results.append(outcome(path))
    return results


@st.composite
def csv_texts(draw) -> str:
    header = ",".join(draw(st.lists(st.sampled_from(HEADINGS), min_size=1, max_size=4)))
    rows = draw(
        st.lists(
            st.lists(st.sampled_from(CELLS), min_size=0, max_size=5).map(",".join),
            max_size=6,
        )
    )
    ending = draw(st.sampled_from(ENDINGS))
    text = ending.join([header, *rows])
    return text + (ending if draw(st.booleans()) else "")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=csv_texts())
def test_every_reader_gives_the_same_table_or_error(tmp_path, monkeypatch, text):
    path = tmp_path / "f.csv"
    path.write_bytes(text.encode("utf-8"))
    split, arrow, pandas, from_disk = all_readers(path, monkeypatch)
    assert split == pandas, text
    assert arrow == pandas, text
    assert from_disk == pandas, text


@pytest.mark.parametrize(
    "text",
    [
        "a,b\n1,2\n\n3,4\n",  # a blank line: dropped, rows keep their numbers
        "a,b\r\r1,2\r",  # old Mac line ends with a blank line
        "a,b\n1\n2,3\n",  # a short row: padded with empty cells
        "a,b\n1,2,3\n",  # a long row: an error naming row 2
        "a,b\n,\n1,2\n , \n",  # rows of empty cells
        "a\n\n1\n",  # one column: a blank line is an empty cell, then dropped
        "a,b\n1,caf\xe9\n",
        "a,b\n1,x\x00y\n",  # a NUL byte is kept as typed
    ],
)
def test_edge_cases_agree(tmp_path, monkeypatch, text):
    path = tmp_path / "f.csv"
    path.write_bytes(text.encode("utf-8"))
    split, arrow, pandas, from_disk = all_readers(path, monkeypatch)
    assert split == arrow == pandas == from_disk


def test_row_numbers_survive_blank_rows_in_every_reader(tmp_path, monkeypatch):
    path = tmp_path / "f.csv"
    path.write_text("a,b\n1,2\n,\n\n3,4\n", encoding="utf-8")
    for result in all_readers(path, monkeypatch):
        assert result == ("ok", ["a", "b"], [2, 5], [["1", "3"], ["2", "4"]])


def test_a_large_plain_file_is_read_by_pyarrow_with_identifiers_left_unencoded(tmp_path):
    """Identifiers stay strings, coded columns come encoded by the reader, others on demand."""
    rows = "".join(f"P{i:07d},A,Band 5\n" for i in range(20_000))
    path = tmp_path / "w.csv"
    path.write_text("staff_id,ethnic_category,pay_band\n" + rows, encoding="utf-8")
    assert path.stat().st_size > csvio.SMALL_FILE
    table = read_table(path, "x", plain=("staff_id",), coded=("pay_band",))
    assert table["staff_id"].is_plain_arrow and not table["pay_band"].is_plain_arrow
    assert table["ethnic_category"].uniques == ["A"]  # not named: encoded when first needed
    assert table["pay_band"].uniques == ["Band 5"] and len(table) == 20_000
    assert table.rows[-1] == 20_001


def test_a_large_file_read_from_disk_gives_what_pandas_gives_quotes_and_all(
    tmp_path, monkeypatch
):
    """Above LARGE_FILE pyarrow reads the file itself with quotes left as typed; a quote in
    any cell, even far down, sends the file to pandas, which reads the quoted value."""
    monkeypatch.setattr(csvio, "LARGE_FILE", 64 * 1024)
    rows = [f"P{i:07d},A,Band 5\n" for i in range(20_000)]
    path = tmp_path / "w.csv"
    path.write_bytes(("\ufeffstaff_id,ethnic_category,pay_band\n" + "".join(rows)).encode())
    plain = read_table(path, "x", plain=("staff_id",), coded=("pay_band",))
    assert plain.names == ["staff_id", "ethnic_category", "pay_band"]
    assert len(plain) == 20_000 and plain["staff_id"].is_plain_arrow
    rows[-1] = 'P9999999,"A",Band 5\n'
    path.write_text("staff_id,ethnic_category,pay_band\n" + "".join(rows), encoding="utf-8")
    quoted = read_table(path, "x", plain=("staff_id",), coded=("pay_band",))
    assert quoted["ethnic_category"].to_list()[-1] == "A"  # pandas unquoted it
    assert not quoted["staff_id"].is_plain_arrow


def test_read_csv_text_keeps_its_frame_of_strings_indexed_by_row(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("a,b\n1,2\n,\n3,4\n", encoding="utf-8")
    frame = read_csv_text(path, "x")
    assert list(frame.columns) == ["a", "b"]
    assert frame.index.tolist() == [0, 2]  # spreadsheet rows 2 and 4
    assert frame.to_dict("list") == {"a": ["1", "3"], "b": ["2", "4"]}


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet=st.sampled_from(["a", "Z", "7", " ", "\t", "\xa0", "é", "\u2003"])))
)
def test_identifiers_trimmed_or_left_alone_are_what_trimming_gives(cells):
    """The shortcut for cells with nothing to trim gives what pyarrow's trim gives."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from wres_analysis.inputs.columns import TextColumn

    for kind in (pa.string(), pa.large_string()):
        arrow = pa.array(["pad", *cells], kind)[1:]  # a slice: offsets not from zero
        column = TextColumn(arrow=arrow, identifier=True)
        trimmed = pc.utf8_trim_whitespace(arrow)
        assert column.stripped().to_pylist() == trimmed.to_pylist()
        assert column.filled().to_pylist() == pc.not_equal(trimmed, "").to_pylist()
