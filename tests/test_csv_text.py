"""Reading CSV bytes: Arrow's quick parser, where used, gives exactly the cells the careful
pandas reader gives, or declines."""

import io

import pandas as pd
from hypothesis import example, given, settings
from hypothesis import strategies as st

from avn_data.tables.csv_text import QUICK_BLOCK_BYTES, UTF8_BOM, _read_quickly, read_header
from tests.tables import DATA_DIR

# Cells as people type them: spaces, quotes, delimiters, line breaks, words like NA and null.
CELL = st.text(alphabet=st.sampled_from(list(' ,;"\n\taAzé–’0.NAnul')), max_size=8)


def careful(data: bytes, delimiter: str) -> pd.DataFrame:
    # The oracle: pandas' C reader with the options the loader has always used.
    return pd.read_csv(
        io.BytesIO(data), encoding="utf-8-sig", sep=delimiter, dtype=str,
        keep_default_na=False, skipinitialspace=True, skip_blank_lines=True,
    )  # fmt: skip


def written(rows: list[list[str]], delimiter: str) -> bytes:
    lines = []
    for row in rows:
        cells = []
        for cell in row:
            needs_quotes = any(char in cell for char in f'{delimiter}"\n') or not cell
            cells.append('"' + cell.replace('"', '""') + '"' if needs_quotes else cell)
        lines.append(delimiter.join(cells))
    return ("\n".join(lines) + "\n").encode("utf-8")


@settings(max_examples=300, deadline=None)
@given(
    rows=st.integers(1, 4).flatmap(
        lambda width: st.lists(st.lists(CELL, min_size=width, max_size=width), max_size=6)
    ),
    delimiter=st.sampled_from([",", ";", "\t"]),
    header_cell=st.sampled_from(["column", " column", '"column"', "col,umn", "", "NA"]),
    bom=st.booleans(),
    # Small blocks put block boundaries inside quoted cells and line breaks, as in a big file.
    block_size=st.sampled_from([64, 512, QUICK_BLOCK_BYTES]),
)
@example(rows=[[" a", "b"]], delimiter=",", header_cell="column", bom=False, block_size=64)
def test_the_quick_reader_gives_the_careful_readers_cells_or_declines(
    rows, delimiter, header_cell, bom, block_size
):
    width = len(rows[0]) if rows else 1
    header = [f"{header_cell}{index}" for index in range(width)]
    data = (UTF8_BOM if bom else b"") + written([header, *rows], delimiter)
    quick = _read_quickly(data, delimiter, read_header(data, delimiter), block_size)
    if quick is not None:
        pd.testing.assert_frame_equal(quick, careful(data, delimiter), check_dtype=False)


def test_the_bundled_table_is_read_quickly_and_the_same():
    data = (DATA_DIR / "treatments.csv").read_bytes()
    quick = _read_quickly(data, ",", read_header(data, ","))
    assert quick is not None
    pd.testing.assert_frame_equal(quick, careful(data, ","))


def test_a_cell_starting_with_a_space_is_left_to_the_careful_reader():
    data = b"a,b\n 1,2\n"
    assert _read_quickly(data, ",", read_header(data, ",")) is None
