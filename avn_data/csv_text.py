"""Turn the bytes of a CSV file, as people really save them, into a frame of text cells."""

import codecs
import csv
import io

import pandas as pd

from avn_data.problems import Problem, TableError

DELIMITERS = (",", ";", "\t")
SAVE_AS_UTF8 = (
    "In Excel use 'Save As' > 'CSV UTF-8'; in LibreOffice tick 'Character set: Unicode (UTF-8)'."
)


# Big files are checked in slices so that no second copy of the whole file is ever made.
CHUNK_BYTES = 1 << 22
UTF8_BOM = b"\xef\xbb\xbf"


def check_text(data: bytes) -> None:
    """Raise a TableError unless `data` is non-empty UTF-8 text."""
    if not data or data.isspace():
        raise TableError([Problem(None, None, "The file is empty.")])
    if b"\x00" in data[:4096]:
        raise TableError(
            [Problem(None, None, "This is not a CSV text file (it contains binary data).")]
        )
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
            raise TableError([Problem(None, None, message)]) from None


def sniff_delimiter(data: bytes) -> str:
    """Comma unless the header line is clearly split by semicolons or tabs (European Excel)."""
    header = data[: data.find(b"\n")].decode("utf-8-sig", errors="replace")
    return max(DELIMITERS, key=header.count)


def read_cells(data: bytes) -> pd.DataFrame:
    """Every cell as text (empty string when blank); headers lower-cased and stripped."""
    check_text(data)
    try:
        frame = pd.read_csv(
            io.BytesIO(data),
            encoding="utf-8-sig",
            sep=sniff_delimiter(data),
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
    return frame
