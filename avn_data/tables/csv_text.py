"""Turn the bytes of a CSV file, as people really save them, into a frame of text cells."""

import codecs
import csv
import io
from collections import Counter

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pyarrow import csv as arrow_csv

from avn_data.tables.problems import Problem, TableError

DELIMITERS = (",", ";", "\t")
SAVE_AS_UTF8 = (
    "In Excel use 'Save As' > 'CSV UTF-8'; in LibreOffice tick 'Character set: Unicode (UTF-8)'."
)


NOT_TEXT = f"This is not a CSV text file (it contains binary data). {SAVE_AS_UTF8}"


# Files this big are read by Arrow's parser where it gives the same cells (_read_quickly); a
# small one is read faster than Arrow starts.
QUICK_READ_BYTES = 1 << 20
# Arrow parses a file in blocks of this size, one per thread at a time.
QUICK_BLOCK_BYTES = 1 << 20
# Big files are checked in slices so that no second copy of the whole file is ever made.
CHUNK_BYTES = 1 << 22
UTF8_BOM = b"\xef\xbb\xbf"
# Excel's "Unicode Text" is UTF-16, little-endian, with this byte-order mark; the big-endian one
# is accepted too. Without a mark, UTF-16 is only told from binary data by guessing: refused.
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def utf8_bytes(data: bytes) -> bytes:
    """`data` itself, or, for a UTF-16 file with its byte-order mark, the same text as UTF-8."""
    if not data.startswith(UTF16_BOMS):
        return data
    try:
        return data.decode("utf-16").encode("utf-8")
    except UnicodeDecodeError as error:
        message = (
            f"The file is not UTF-16 text, though it starts like it: byte {error.start} "
            f"cannot be read ({error.reason}). {SAVE_AS_UTF8}"
        )
        raise TableError([Problem(None, None, message)]) from None


def check_text(data: bytes) -> None:
    """Raise a TableError if `data` is empty or binary (UTF-8 is checked by reading it)."""
    if not data or data.isspace():
        raise TableError([Problem(None, None, "The file is empty.")])
    # No text file holds a NUL byte; a spreadsheet, an image or BOM-less UTF-16 does.
    if b"\x00" in data:
        raise TableError([Problem(None, None, NOT_TEXT)])


def not_utf8(data: bytes) -> TableError:
    """Where `data`, which a reader refused as UTF-8, first stops being UTF-8, as a TableError."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    for start in range(0, len(data), CHUNK_BYTES):
        try:
            decoder.decode(
                view[start : start + CHUNK_BYTES], final=start + CHUNK_BYTES >= len(data)
            )
        except UnicodeDecodeError as error:
            position = min(start + error.start, len(data) - 1)
            line = data.count(b"\n", 0, position) + 1
            message = (
                f"The file is not UTF-8 text: byte 0x{data[position]:02x} on line {line} "
                f"cannot be read. {SAVE_AS_UTF8}"
            )
            return TableError([Problem(None, None, message)])
    return TableError([Problem(None, None, f"The file is not UTF-8 text. {SAVE_AS_UTF8}")])


def sniff_delimiter(data: bytes) -> str:
    """Comma unless the header line is clearly split by semicolons or tabs (European Excel)."""
    header = data[: data.find(b"\n")].decode("utf-8-sig", errors="replace")
    return max(DELIMITERS, key=header.count)


def column_key(name: str) -> str:
    """The name a header cell is known by: stripped, lower-cased, spaces as underscores."""
    return str(name).strip().lower().replace(" ", "_")


def read_header(data: bytes, delimiter: str) -> list[str]:
    """The header row exactly as written (pandas would rename a repeated name to 'name.1')."""
    text = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="")
    for row in csv.reader(text, delimiter=delimiter, skipinitialspace=True):
        # Skipped like pandas skips blank lines: empty or whitespace only.
        if len(row) > 1 or (row and row[0].strip()):
            return row
    return []


def header_problems(header: list[str]) -> list[Problem]:
    """One problem for each header cell that names a column an earlier cell already named."""
    spellings: dict[str, Counter[str]] = {}
    for name in header:
        if name.strip():
            spellings.setdefault(column_key(name), Counter())[name] += 1
    problems = []
    for counts in spellings.values():
        first = next(iter(counts))
        for name, count in counts.items():
            if count > 1:
                message = f"column '{name}' appears more than once in the header row; keep one"
                problems.append(Problem(None, None, message))
            if name != first:
                message = (
                    f"columns '{first}' and '{name}' are the same column once case and spaces "
                    "are ignored; keep one"
                )
                problems.append(Problem(None, None, message))
    return problems


def _read_quickly(
    data: bytes, delimiter: str, header: list[str], block_size: int = QUICK_BLOCK_BYTES
) -> pd.DataFrame | None:
    """The cells as the careful reader below gives them, read by Arrow's multithreaded parser
    as text (a 434 MB file: 0.2-0.4 s against 2-3 s), or None wherever the two could differ: a
    file Arrow refuses (ragged rows, blank lines of spaces, not UTF-8), a header it reads
    otherwise, or a cell starting with a space, which the careful reader's skipinitialspace
    would have read otherwise. `header` is the careful reader's (read_header)."""
    try:
        table = arrow_csv.read_csv(
            io.BytesIO(data),
            read_options=arrow_csv.ReadOptions(block_size=block_size),
            parse_options=arrow_csv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
            # Every cell as text, blank as "": no guessing of types or missing values.
            convert_options=arrow_csv.ConvertOptions(
                column_types=dict.fromkeys(header, pa.string()),
                null_values=[],
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowException:
        return None
    if table.column_names != header or not all(map(pa.types.is_string, table.schema.types)):
        return None
    for column in table.columns:
        if pc.any(pc.or_(pc.starts_with(column, " "), pc.starts_with(column, "\t"))).as_py():
            return None
    frame: pd.DataFrame = table.to_pandas()
    return frame


def read_cells(data: bytes) -> pd.DataFrame:
    """Every cell as text (empty string when blank); headers lower-cased and stripped."""
    data = utf8_bytes(data)
    check_text(data)
    delimiter = sniff_delimiter(data)
    try:
        header = read_header(data, delimiter)
        problems = header_problems(header)
        if problems:
            raise TableError(problems)
        quick = _read_quickly(data, delimiter, header) if len(data) >= QUICK_READ_BYTES else None
        frame = quick if quick is not None else pd.read_csv(
            io.BytesIO(data), encoding="utf-8-sig", sep=delimiter, dtype=str,
            keep_default_na=False, skipinitialspace=True, skip_blank_lines=True,
        )  # fmt: skip
    except UnicodeDecodeError:
        # Checked only on failure: decoding a 434 MB file beforehand took ~0.5 s.
        raise not_utf8(data) from None
    except (pd.errors.ParserError, csv.Error) as error:
        raise TableError([Problem(None, None, f"The file is not valid CSV: {error}")]) from None
    frame.columns = [column_key(name) for name in frame.columns]
    if frame.empty:
        raise TableError([Problem(None, None, "The file has a header row but no data rows.")])
    return frame
