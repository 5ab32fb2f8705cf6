"""Near-duplicate detection for report text: character shingles, MinHash sketches and an LSH index.

A section's prose becomes the set of its character 5-grams (each run of digits folded to ``#`` so that copying
last year's text and only changing the numbers still counts as copying). The set is summarised by a
one-permutation MinHash: every shingle is hashed once (CRC-32 of its UTF-16 code units), the 32-bit
hash space is cut into ``BINS`` equal bins and the sketch keeps the smallest hash falling in each
bin. The share of bins two sketches agree on estimates the Jaccard similarity of the two shingle
sets (standard error about sqrt(J(1-J)/BINS), i.e. ±0.035 at J = 0.8).

Why not ``datasketch``: it needs numpy and scipy, and its ``update()`` is one Python call per
shingle and per permutation; one CRC-32 per shingle in C (``zlib``) and one short loop step
keep a 2,500-character section near a tenth of a millisecond, which the batch throughput target
needs. The sketch is a plain ``bytes`` of ``4 * BINS`` so that 10,000 reports cost a few MB.
Python's own ``hash()`` of the shingles would be no faster, and it is salted per process:
sketches made by different workers or stored in the cache by an earlier run would not be
comparable. The shingles are cut by ``struct`` (five non-overlapping passes, one C
call each): under callgrind a fifth of the instructions of a lookahead regex ``findall``, which
pays a match set-up per shingle. The minimum of each bin is found in one pass over the hashes,
repeats included (they change no minimum): removing the repeats and sorting the distinct hashes
took 60 % longer (CRC-32 values need two machine digits, so a sort compares Python ints slowly;
converting them to floats first costs what it saves).

Candidate pairs come from banding (bands of ``rows`` bins, chosen from the threshold by
``rows_for``): two sections land in the same bucket of some band with probability
1 - (1 - J^rows)^(BINS/rows). For the default threshold 0.8 (16 bands of 8 bins) that is 0.95 at
J = 0.8, 0.9999 at J = 0.9, but only 0.06 at J = 0.5, so that reports sharing the usual
boilerplate are not all compared with each other; every candidate is then checked on the whole
sketch.
"""

from __future__ import annotations

import re
import struct
import zlib
from array import array
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import compress
from operator import itemgetter, ne

SHINGLE = 5
BINS = 128
ROWS = 8  # bins per LSH band for the default threshold 0.8 (see rows_for)
_BIN_SHIFT = 32 - (BINS - 1).bit_length()  # a hash's bin is its top bits
_EMPTY = 0xFFFFFFFF  # a bin no shingle fell into; never counted as agreement

# A run of digits (ASCII, full-width, any script) becomes one '#'; whitespace disappears (line breaks
# from PDF extraction and indentation must not hide a copy). ``str.split()`` and the regex ``\s``
# agree on what whitespace is (``str.isspace``); splitting is several times faster than a regex.
# ``\d\d*`` rather than ``\d+``: a pattern that starts with a character set lets the regex engine
# skip to the next digit instead of starting a match at every character (40 % fewer instructions).
_DIGITS = re.compile(r"\d\d*")


def normalise(text: str) -> str:
    return _DIGITS.sub("#", "".join(text.split()))


_CHUNK = 64  # grams cut per cached ``struct`` format (building a format for each count costs more than cutting)


@lru_cache(maxsize=256)
def _chunker(k: int, count: int) -> Callable[[bytes, int], tuple[bytes, ...]]:
    """Cuts ``count`` consecutive k-grams of UTF-16 code units (2k bytes each) from an offset."""
    return struct.Struct(f"{2 * k}s" * count).unpack_from


def _grams(data: bytes, k: int) -> list[bytes]:
    """Every k-gram of code units of UTF-16 ``data``: the grams starting at code unit j, j + k,
    j + 2k ... are cut by ``struct`` calls for each j < k (in C, without the per-gram work of a
    regex match or a slice), a multiple of ``_CHUNK`` grams then the rest, so that a few formats
    serve every length."""
    units = len(data) // 2
    grams: list[bytes] = []
    for start in range(min(k, units - k + 1)):
        count = (units - start) // k
        bulk = count - count % _CHUNK
        if bulk:
            grams.extend(_chunker(k, bulk)(data, 2 * start))
        if count > bulk:
            grams.extend(_chunker(k, count - bulk)(data, 2 * (start + k * bulk)))
    return grams


def _text_grams(text: str, k: int, normalised: bool) -> list[bytes]:
    return _grams((text if normalised else normalise(text)).encode("utf-16-le"), k)


def shingle_hashes(text: str, k: int = SHINGLE, normalised: bool = False) -> list[int]:
    """The sorted distinct CRC-32 hashes of the character k-grams of ``normalise(text)``."""
    return sorted(set(map(zlib.crc32, _text_grams(text, k, normalised))))


def sketch(text: str, k: int = SHINGLE, normalised: bool = False) -> bytes | None:
    """The MinHash sketch of ``text`` (None when the text is shorter than one shingle);
    ``normalised`` says the caller already applied ``normalise``."""
    grams = _text_grams(text, k, normalised)
    if not grams:
        return None
    # The smallest hash of each bin in one pass: repeated shingles change no minimum, so they
    # need not be removed, and nothing needs sorting (a sort of the two-digit ints CRC-32 gives
    # plus removing repeats cost twice this loop).
    hashes = list(map(zlib.crc32, grams))
    # Each hash's bin is read from its top byte, packed and translated in C: a shift of a CRC-32
    # (a two-digit int) in the loop costs more than packing every hash.
    bins = struct.pack(f"<{len(hashes)}I", *hashes)[3::4].translate(_BIN_OF_TOP_BYTE)
    mins = [_EMPTY] * BINS
    for b, h in zip(bins, hashes, strict=True):
        if h < mins[b]:
            mins[b] = h
    return array("I", mins).tobytes()


assert _BIN_SHIFT >= 24  # (a bin lies in the top byte: BINS <= 256)
_BIN_OF_TOP_BYTE = bytes(top >> (_BIN_SHIFT - 24) for top in range(256))


# A sketch ready for many comparisons: its number of bins, its bins as one integer (4 bytes each,
# little-endian) and its empty bins as a mask holding the lowest bit of each such bin.
Prepared = tuple[int, int, int]


def prepare(sig: bytes) -> Prepared:
    """A sketch ready for many comparisons (``similarity_of``)."""
    bins = len(sig) // 4
    value = int.from_bytes(sig, "little")
    # A bin is empty when all its 32 bits are set, i.e. when its complement is zero.
    full = _nonzero_bins(~value & _all_bits(bins), bins)
    return bins, value, (_top_bits(bins) ^ full) >> 31


@lru_cache(maxsize=8)
def _top_bits(bins: int) -> int:
    """The highest bit of each 32-bit bin."""
    return sum(1 << (32 * i + 31) for i in range(bins))


@lru_cache(maxsize=8)
def _low_bits(bins: int) -> int:
    """All but the highest bit of each 32-bit bin."""
    return _all_bits(bins) ^ _top_bits(bins)


def _nonzero_bins(value: int, bins: int) -> int:
    """The highest bit of each bin of ``value`` (32 bits each) that is not zero, in one pass of
    integer operations instead of a test per bin: adding 2^31 - 1 to a bin's lower 31 bits sets
    its highest bit when they are not all zero and never carries into the next bin (at most
    2^32 - 2); ORing the bin itself back adds its own highest bit."""
    low = _low_bits(bins)
    return (((value & low) + low) | value) & _top_bits(bins)


@lru_cache(maxsize=8)
def _all_bits(bins: int) -> int:
    return (1 << (32 * bins)) - 1


def similarity_of(a: Prepared, b: Prepared) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two sketches: the share of bins
    where they agree, among bins where at least one of them holds a hash."""
    bins = a[0]
    if bins != b[0]:
        return 0.0  # sketches of different sizes (another govlint version) are not comparable
    # Bins agree where the XOR of the two is zero.
    agree = bins - _nonzero_bins(a[1] ^ b[1], bins).bit_count()
    both_empty = (a[2] & b[2]).bit_count()
    used = bins - both_empty
    return (agree - both_empty) / used if used else 0.0


def similarity(a: bytes, b: bytes) -> float:
    """``similarity_of`` two sketches compared once (prepare a sketch compared many times)."""
    return similarity_of(prepare(a), prepare(b))


def rows_for(threshold: float, recall: float = 0.9) -> int:
    """The most selective band height (bins per band) that still makes two sketches whose
    similarity is exactly ``threshold`` candidates with probability ``recall`` (higher
    similarities more surely still): 8 for 0.8, 2 for 0.3."""
    for rows in (16, 8, 4, 2, 1):
        if 1 - (1 - threshold**rows) ** (BINS // rows) >= recall:
            return rows
    return 1


def candidates(sigs: list[bytes], rows: int, limit: int) -> dict[int, list[int]]:
    """For each sketch (by index) the others sharing a whole band with it: band by band, each
    bucket in index order, at most ``limit`` per sketch (so a corpus of near-identical boilerplate
    stays linear, not quadratic). Sketches without any are left out. The bands are bucketed one at
    a time, so memory holds one band's buckets and the candidates found, not every band's buckets."""
    found: dict[int, dict[int, None]] = {}
    width = 4 * rows
    for band in range(BINS // rows):
        buckets = _shared_buckets(sigs, itemgetter(slice(band * width, (band + 1) * width)))
        for first in sorted(buckets):  # (in the order of their first member)
            members = buckets[first]
            for i in members:
                mine = found.setdefault(i, {})
                for j in members:
                    if len(mine) >= limit:
                        break
                    if j != i:
                        mine.setdefault(j, None)
    return {i: list(js) for i, js in found.items()}


def _shared_buckets(sigs: list[bytes], band: Callable[[bytes], bytes]) -> dict[int, list[int]]:
    """The sketches (by index, in order) sharing ``band`` with at least one other, keyed by the first
    of them. Most bands of most sketches are unique: each sketch's first twin is found by one
    ``dict.setdefault`` per sketch in C, and only the sketches that have one reach Python code."""
    first_with: dict[bytes, int] = {}
    indices = range(len(sigs))
    firsts = list(map(first_with.setdefault, map(band, sigs), indices))
    buckets: dict[int, list[int]] = {}
    if len(first_with) == len(sigs):
        return buckets
    for i in compress(indices, map(ne, firsts, indices)):
        first = firsts[i]
        members = buckets.get(first)
        if members is None:
            buckets[first] = [first, i]
        else:
            members.append(i)
    return buckets


def jaccard(a: Iterable[int], b: Iterable[int]) -> float:
    """Exact Jaccard similarity of two hash sets (used by tests to check the estimate)."""
    sa, sb = set(a), set(b)
    union = len(sa | sb)
    return len(sa & sb) / union if union else 0.0
