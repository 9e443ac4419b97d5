"""Turn the bytes of a CSV file, as people really save them, into a frame of text cells."""

import csv
import io

import pandas as pd

from avn_data.problems import Problem, TableError

DELIMITERS = (",", ";", "\t")
SAVE_AS_UTF8 = (
    "In Excel use 'Save As' > 'CSV UTF-8'; in LibreOffice tick 'Character set: Unicode (UTF-8)'."
)


def decode(data: bytes) -> str:
    """UTF-8 text with any byte-order mark removed, or a TableError saying why not."""
    if not data.strip():
        raise TableError([Problem(None, None, "The file is empty.")])
    if b"\x00" in data[:4096]:
        raise TableError(
            [Problem(None, None, "This is not a CSV text file (it contains binary data).")]
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = (
            f"The file is not UTF-8 text: byte 0x{data[error.start]:02x} on line {line} "
            f"cannot be read. {SAVE_AS_UTF8}"
        )
        raise TableError([Problem(None, None, message)]) from None


def sniff_delimiter(text: str) -> str:
    """Comma unless the header line is clearly split by semicolons or tabs (European Excel)."""
    header = text.split("\n", 1)[0]
    return max(DELIMITERS, key=header.count)


def read_cells(data: bytes) -> pd.DataFrame:
    """Every cell as stripped text (empty string when blank); headers lower-cased and stripped."""
    text = decode(data)
    delimiter = sniff_delimiter(text)
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            skipinitialspace=True,
            skip_blank_lines=True,
        )
    except (pd.errors.ParserError, csv.Error) as error:
        raise TableError([Problem(None, None, f"The file is not valid CSV: {error}")]) from None
    frame.columns = [str(name).strip().lower().replace(" ", "_") for name in frame.columns]
    if frame.empty:
        raise TableError([Problem(None, None, "The file has a header row but no data rows.")])
    return frame.fillna("").apply(lambda column: column.str.strip())
