"""A small PNG reader for the screenshot tests: enough of the format to tell a real rendering from
a blank or broken one without an imaging library (8-bit RGB or RGBA, not interlaced, which is what
Chromium writes)."""

from __future__ import annotations

import struct
import zlib
from collections import Counter
from dataclasses import dataclass

SIGNATURE = b"\x89PNG\r\n\x1a\n"
BYTES_PER_PIXEL = {2: 3, 6: 4}  # colour type: RGB, RGBA


@dataclass(frozen=True)
class Image:
    width: int
    height: int
    channels: int
    rows: tuple[bytes, ...]  # unfiltered, `channels` bytes per pixel

    def colours(self) -> Counter[bytes]:
        """How many pixels have each colour (RGB, alpha dropped)."""
        found: Counter[bytes] = Counter()
        step = self.channels
        for row in self.rows:
            found.update(row[i : i + 3] for i in range(0, len(row), step))
        return found

    def pixel(self, x: int, y: int) -> bytes:
        start = x * self.channels
        return self.rows[y][start : start + 3]


def read_png(data: bytes) -> Image:
    if not data.startswith(SIGNATURE):
        raise ValueError("not a PNG file")
    header, compressed = _chunks(data)
    width, height, depth, colour_type, _method, _filter, interlace = struct.unpack(
        ">IIBBBBB", header
    )
    if depth != 8 or colour_type not in BYTES_PER_PIXEL or interlace:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour_type}")
    channels = BYTES_PER_PIXEL[colour_type]
    rows = _unfilter(zlib.decompress(compressed), width * channels, height, channels)
    return Image(width, height, channels, rows)


def text_chunks(data: bytes) -> dict[str, str]:
    """The PNG's tEXt chunks, keyword to text (Latin-1, as the format says)."""
    found: dict[str, str] = {}
    position = len(SIGNATURE)
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind, body = data[position + 4 : position + 8], data[position + 8 : position + 8 + length]
        if kind == b"tEXt":
            keyword, _, text = body.partition(b"\0")
            found[keyword.decode("latin-1")] = text.decode("latin-1")
        position += 12 + length
    return found


def with_text(data: bytes, keyword: str, text: str) -> bytes:
    """The PNG with a tEXt chunk `keyword` = `text` put right after its header (IHDR): the
    picture is unchanged, and any earlier chunk of that keyword is dropped."""
    if not data.startswith(SIGNATURE):
        raise ValueError("not a PNG file")
    body = keyword.encode("latin-1") + b"\0" + text.encode("latin-1")
    chunk = struct.pack(">I", len(body)) + b"tEXt" + body
    chunk += struct.pack(">I", zlib.crc32(b"tEXt" + body))
    chunks, position = [], len(SIGNATURE)
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind, body = data[position + 4 : position + 8], data[position + 8 : position + 8 + length]
        whole = data[position : position + 12 + length]
        if not (kind == b"tEXt" and body.partition(b"\0")[0] == keyword.encode("latin-1")):
            chunks.append(whole)
        if kind == b"IHDR":
            chunks.append(chunk)
        position += 12 + length
    return SIGNATURE + b"".join(chunks)


def _chunks(data: bytes) -> tuple[bytes, bytes]:
    """The IHDR body and the concatenated IDAT bodies, each chunk's CRC checked."""
    position, header, image = len(SIGNATURE), b"", []
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length : position + 12 + length])
        if zlib.crc32(kind + body) != crc:
            raise ValueError(f"bad CRC in the {kind!r} chunk")
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            image.append(body)
        elif kind == b"IEND":
            break
        position += 12 + length
    return header, b"".join(image)


def _unfilter(raw: bytes, stride: int, height: int, bpp: int) -> tuple[bytes, ...]:
    """Undo PNG's per-row filters. 'Up' rows, most of a screenshot, are added bytewise in one
    big-integer operation (no carry between bytes); the others byte by byte."""
    low = int.from_bytes(b"\x7f" * stride, "big")
    high = int.from_bytes(b"\x80" * stride, "big")
    previous, rows = bytes(stride), []
    for index in range(height):
        start = index * (stride + 1)
        kind, line = raw[start], raw[start + 1 : start + 1 + stride]
        if kind == 0:
            row = line
        elif kind == 2:
            a, b = int.from_bytes(line, "big"), int.from_bytes(previous, "big")
            row = (((a & low) + (b & low)) ^ ((a ^ b) & high)).to_bytes(stride, "big")
        else:
            row = _unfilter_row(kind, line, previous, bpp)
        rows.append(row)
        previous = row
    return tuple(rows)


def _unfilter_row(kind: int, line: bytes, previous: bytes, bpp: int) -> bytes:
    out = bytearray(line)
    for i in range(len(out)):
        left = out[i - bpp] if i >= bpp else 0
        up = previous[i]
        if kind == 1:
            predicted = left
        elif kind == 3:
            predicted = (left + up) >> 1
        elif kind == 4:
            predicted = _paeth(left, up, previous[i - bpp] if i >= bpp else 0)
        else:
            raise ValueError(f"unknown PNG filter {kind}")
        out[i] = (out[i] + predicted) & 0xFF
    return bytes(out)


def _paeth(left: int, up: int, up_left: int) -> int:
    estimate = left + up - up_left
    distances = abs(estimate - left), abs(estimate - up), abs(estimate - up_left)
    if distances[0] <= distances[1] and distances[0] <= distances[2]:
        return left
    return up if distances[1] <= distances[2] else up_left
