"""Bad input: empty, binary, GBK, huge and pathological files."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders import extract_file, extract_text
from loaders.errors import ParseError
from loaders.reader import decode, read_source

NOTICE = "宝鸡市人民政府关于做好春耕生产工作的通知\n\n宝政发〔2023〕3号\n\n各县、区人民政府：\n\n根据《中华人民共和国农业法》，现就有关事项通知如下。\n\n宝鸡市人民政府\n\n2023年2月1日\n"


def test_empty_file_warns_and_yields_nothing(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n", encoding="utf-8")
    result = extract_file(path)
    assert result.error is None and result.records == []
    assert [w.code for w in result.warnings] == ["W101"]


def test_binary_file_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "scan.txt"
    path.write_bytes(b"%PDF-1.7\x00\x01\x02" * 100)
    result = extract_file(path)
    assert result.error is not None and "scan.txt" in result.error and "binary" in result.error
    with pytest.raises(ParseError):
        read_source(path)


def test_gbk_is_decoded_with_a_warning() -> None:
    text, encoding, warnings = decode(NOTICE.encode("gbk"), "x.txt")
    assert text == NOTICE and encoding == "gb18030"
    assert [w.code for w in warnings] == ["W102"]


def test_utf8_bom_and_utf16() -> None:
    assert decode(b"\xef\xbb\xbf" + NOTICE.encode(), "x")[0] == NOTICE
    assert decode(NOTICE.encode("utf-16"), "x")[0] == NOTICE


def test_spans_point_into_the_file(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(NOTICE.replace("\n", "\r\n").encode())
    text = read_source(path).text
    result = extract_file(path)
    (doc,) = result.documents
    assert doc.doc_no == "宝政发〔2023〕3号" and doc.date == "2023-02-01"
    assert text[doc.span[0] : doc.span[1]].startswith("宝鸡市人民政府关于做好春耕生产工作的通知")
    (cite,) = result.citations
    assert text[cite.span[0] : cite.span[1]] == "《中华人民共和国农业法》"


@pytest.mark.parametrize("char", ["、", "《", "〔", "(", "【", "号", "年"])
def test_pathological_line_finishes(char: str) -> None:
    result = extract_text(NOTICE + char * 100_000 + "\n", "x.txt")
    assert len(result.documents) == 1


def test_large_file(tmp_path: Path) -> None:
    # ~20 MB of text: many copies of a notice; the run must finish and find them all
    path = tmp_path / "big.txt"
    body = "一、总体要求。" + "加强组织领导，落实工作责任，确保各项任务按期完成。" * 20 + "\n\n"
    copies = [NOTICE.replace("3号", f"{n}号") + body * 30 for n in range(1, 501)]
    path.write_text("".join(copies), encoding="utf-8")
    assert path.stat().st_size > 20_000_000
    result = extract_file(path)
    assert len(result.documents) == 500


def test_cr_only_line_ends_are_read_like_lf(tmp_path: Path) -> None:
    lf, cr = tmp_path / "lf.txt", tmp_path / "mac.txt"
    lf.write_bytes(NOTICE.encode())
    cr.write_bytes(NOTICE.replace("\n", "\r").encode())
    old_mac, unix = extract_file(cr), extract_file(lf)
    assert len(old_mac.documents) == 1
    # one character for one: the same records at the same offsets
    assert [(type(r).__name__, r.span) for r in old_mac.records] == [(type(r).__name__, r.span) for r in unix.records]
    text = read_source(cr).text
    (cite,) = old_mac.citations
    assert text[cite.span[0] : cite.span[1]] == "《中华人民共和国农业法》"


def test_crlf_stays_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "dos.txt"
    path.write_bytes(NOTICE.replace("\n", "\r\n").encode())
    assert read_source(path).text == NOTICE.replace("\n", "\r\n")


def test_mixed_line_ends_keep_their_length() -> None:
    from loaders.reader import lone_cr_to_lf

    text = "一\r二\r\n三\n四\r"
    assert lone_cr_to_lf(text) == "一\n二\r\n三\n四\n"


def test_bad_utf8_names_the_first_bad_utf8_byte_and_its_line(tmp_path: Path) -> None:
    # line 2 holds GBK bytes (not UTF-8, fine for GB18030); line 4 holds what GB18030 cannot read either
    head = "第一行\n".encode()
    data = head + "你好\n".encode("gbk") + b"ok\n" + b"x\x80\xff\n"
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(ParseError) as caught:
        read_source(path)
    message = str(caught.value)
    assert f"0x{data[len(head)]:02x} at offset {len(head)} (line 2)" in message, message


def test_fifo_input_is_refused_not_read(tmp_path: Path) -> None:
    import os

    from loaders.errors import ConfigError
    from loaders.reader import iter_input_files

    (tmp_path / "a.txt").write_text(NOTICE, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block for ever
    result = extract_file(tmp_path / "pipe.txt")
    assert result.error is not None and "pipe.txt: is a FIFO" in result.error
    assert list(iter_input_files([tmp_path])) == [tmp_path / "a.txt"]  # skipped in a folder
    with pytest.raises(ConfigError, match="is a FIFO"):
        list(iter_input_files([tmp_path / "pipe.txt"]))


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (b"\xef\xbb\xbf\xe6", "offset 3 (line 1)"),  # a UTF-8 BOM, then a character cut short
        (b"\xef\xbb\xbf" + "一\n二\n".encode() + b"\xff", "byte 0xff at offset 11 (line 3)"),
        (b"\xff\xfe" + "一\n".encode("utf-16-le") + b"\x00\xd8A\x00", "offset 6 (line 2)"),  # a lone surrogate
        (b"\xff\xfe" + "一二".encode("utf-16-le")[:-1], "offset 4 (line 1)"),  # odd length
    ],
)
def test_bad_text_after_a_bom_is_a_parse_error_not_a_crash(data: bytes, where: str) -> None:
    # found by the Hypothesis battery: a BOM then undecodable bytes raised UnicodeDecodeError
    with pytest.raises(ParseError, match="BOM but") as caught:
        decode(data, "x.txt")
    assert where in str(caught.value)
