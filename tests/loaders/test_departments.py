"""The department lexicon (data/departments.tsv) and the unit recognisers of loaders/names.py and loaders/departments.py."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from loaders.departments import Unit, department_key, find_units, split_units
from loaders.lexicon import KINDS, lexicon, read_lexicon, write_jieba_userdict
from loaders.names import lookup, qualify

TABLE = Path("data/departments.tsv")
GOLD = sorted(Path("data/gold").glob("*.jsonl"))


def _names(units: list[Unit]) -> list[str]:
    return [u.name for u in units]


def _check_spans(text: str, units: list[Unit], offset: int = 0) -> None:
    for unit in units:
        assert unit.mention == text[unit.start - offset : unit.end - offset], unit
        assert unit.mention == unit.mention.strip(), unit


# ---------------------------------------------------------------- the table


def test_table_is_well_formed() -> None:
    lines = [line for line in TABLE.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert lines[0].split("\t") == ["function", "kind", "canonical", "aliases", "former", "reform"]
    functions = [line.split("\t")[0] for line in lines[1:]]
    assert len(functions) == len(set(functions)), "one row per function"
    for body in lexicon().bodies:
        assert body.kind in KINDS, body
        assert (body.reform in (2018, 2023)) == bool(body.former), body
        assert not any(c.isspace() or c in "|()（）" for name in body.names for c in name), body


def test_no_name_is_claimed_by_two_functions() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for body in lexicon().bodies:
        for name in body.names:
            owners[name].add(body.function)
    assert {name: fs for name, fs in owners.items() if len(fs) > 1} == {}


def test_a_clash_in_the_table_is_refused(tmp_path: Path) -> None:
    table = tmp_path / "departments.tsv"
    table.write_text(
        "function\tkind\tcanonical\taliases\tformer\treform\n"
        "科技\tgovernment\t科学技术局\t科技局\t\t\n"
        "教育\tgovernment\t教育局\t科技局\t\t\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="科技局"):
        read_lexicon(table)


def test_every_name_resolves_to_its_own_function() -> None:
    for body in lexicon().bodies:
        for name in body.names:
            found = lookup(name)
            assert found is not None and found[0].function == body.function, (name, body.function, found)
            assert found[1] == (name in body.former), name
            units = split_units(name)
            assert [(u.mention, u.function) for u in units] == [(name, body.function)], (name, units)


def test_every_name_resolves_behind_a_level_prefix() -> None:
    for body in lexicon().bodies:
        if body.kind == "collective":
            continue
        for name in body.names:
            if name.startswith("团") and name.endswith("委"):
                continue  # 团市委 carries its own level
            for prefix in ("市", "县", "宝鸡市"):
                [unit] = split_units(prefix + name)
                assert unit.function == body.function and unit.name == prefix + name, (prefix, name, unit)


def test_former_names_point_to_their_successor() -> None:
    [unit] = split_units("市环保局")
    assert (unit.function, unit.successor) == ("生态环境", "生态环境局")
    [unit] = split_units("市生态环境局")
    assert unit.successor is None
    [unit] = split_units("卫计局")
    assert (unit.function, unit.successor) == ("卫生健康", "卫生健康委员会")


# ---------------------------------------------------------------- split_units


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("市农牧业局、规划局、住建委", [("市农牧业局", "市农牧业局"), ("规划局", "市规划局"), ("住建委", "市住建委")]),
        (
            "市委网信办、文明办，文化旅游体育广电局",
            [("市委网信办", "市委网信办"), ("文明办", "市委文明办"), ("文化旅游体育广电局", "市文化旅游体育广电局")],
        ),
        ("哈尔滨、黑河市政府", [("哈尔滨", "哈尔滨市政府"), ("黑河市政府", "黑河市政府")]),
        ("市市场监管局 (知识产权局)", [("市市场监管局 (知识产权局)", "市市场监管局(知识产权局)")]),
        ("市中级人民法院", [("市中级人民法院", "市中级人民法院")]),
        ("人行渭南市中心支行", [("人行渭南市中心支行", "人行渭南市中心支行")]),
        (
            "各县（区）人民政府，各国家级、省级园区管委会",
            [("各县（区）人民政府", "各县（区）人民政府"), ("各国家级、省级园区管委会", "各国家级、省级园区管委会")],
        ),
        ("市级各有关部门", [("市级各有关部门", "市级各有关部门")]),
        ("各镇、街道", [("各镇、街道", "各镇、街道")]),
        ("宝鸡高新区管委会", [("宝鸡高新区管委会", "宝鸡高新区管委会")]),
        ("市政府办(市金融办)", [("市政府办(市金融办)", "市政府办(市金融办)")]),
        ("各县区\n\n人民政府", [("各县区\n\n人民政府", "各县区人民政府")]),
        ("市委\n\n宣传部", [("市委\n\n宣传部", "市委宣传部")]),
        ("蔡家坡\n\n经开区\n\n管委会", [("蔡家坡\n\n经开区\n\n管委会", "蔡家坡经开区管委会")]),
        (
            "市市场监管局 (知识产权局) 市农业农村局",
            [("市市场监管局 (知识产权局)", "市市场监管局(知识产权局)"), ("市农业农村局", "市农业农村局")],
        ),
        (
            "市纪委监委，市委办公室、组织部、政府办公室",
            [
                ("市纪委监委", "市纪委监委"),
                ("市委办公室", "市委办公室"),
                ("组织部", "市委组织部"),
                ("政府办公室", "市政府办公室"),
            ],
        ),
        ("市交通运输局和市公安局", [("市交通运输局", "市交通运输局"), ("市公安局", "市公安局")]),
        ("市人力资源和社会保障局", [("市人力资源和社会保障局", "市人力资源和社会保障局")]),
        ("市地震监测与服务中心", [("市地震监测与服务中心", "市地震监测与服务中心")]),
        ("市民政局、市医保局等相关部门", [("市民政局", "市民政局"), ("市医保局", "市医保局")]),
        ("市发改委牵头", [("市发改委", "市发改委")]),
        (
            "工业园区，市工业和信息化局、市场监管局",
            [("工业园区", "工业园区"), ("市工业和信息化局", "市工业和信息化局"), ("市场监管局", "市市场监管局")],
        ),
        ("各部门、单位", [("各部门、单位", "各部门、单位")]),
        (
            "各旗县区人民政府、经济技术开发区管委会",
            [("各旗县区人民政府", "各旗县区人民政府"), ("经济技术开发区管委会", "经济技术开发区管委会")],
        ),
        ("市总工会、团市委", [("市总工会", "市总工会"), ("团市委", "团市委")]),
        ("眉县、陇县民政局", [("眉县", "眉县民政局"), ("陇县民政局", "陇县民政局")]),
        ("责任单位：市人社局", [("市人社局", "市人社局")]),
        ("由市交通运输局", [("市交通运输局", "市交通运输局")]),
    ],
)
def test_split_units(text: str, expected: list[tuple[str, str]]) -> None:
    units = split_units(text)
    assert [(u.mention, u.name) for u in units] == expected
    _check_spans(text, units)


def test_collective_actors() -> None:
    units = split_units("各县（区）人民政府，各国家级、省级园区管委会")
    assert [(u.kind, u.function, u.known) for u in units] == [
        ("collective", "各县区人民政府", True),
        ("collective", "各园区管委会", True),
    ]
    [unit] = split_units("各镇、街道")
    assert (unit.kind, unit.function) == ("collective", "各镇街道")
    [unit] = split_units("市级各有关部门")
    assert (unit.kind, unit.function) == ("collective", "各有关部门")
    # 各 distributes over 街道, not over a named 街道
    assert _names(split_units("各镇、裕民街道")) == ["各镇", "裕民街道"]


def test_kinds_of_known_bodies() -> None:
    units = split_units(
        "市委网信办、市中级人民法院、市检察院、市总工会、人行渭南市中心支行、宝鸡高新区管委会、市人大常委会办公室"
    )
    assert [(u.kind, u.function) for u in units] == [
        ("party", "网信"),
        ("court", "法院"),
        ("procuratorate", "检察院"),
        ("mass", "总工会"),
        ("vertical", "人民银行"),
        ("zone", "高新区管委会"),
        ("congress", "人大常委会办公室"),
    ]
    [pboc] = split_units("人行渭南市中心支行")
    assert pboc.known and pboc.successor == "中国人民银行分行"


def test_person_names_are_never_units() -> None:
    assert split_units("王紫玉") == []
    assert split_units("王紫玉、李建国") == []
    assert split_units("张建站") == []
    assert _names(split_units("王紫玉、市科技局")) == ["市科技局"]


def test_unknown_bodies_are_kept_by_form() -> None:
    units = split_units("市秦岭办、宝鸡文理学院、巴彦绿业实业公司、各重点产业链副链长部门")
    assert [(u.name, u.known, u.function, u.kind) for u in units] == [
        ("市秦岭办", False, None, "government"),
        ("宝鸡文理学院", False, None, "other"),
        ("巴彦绿业实业公司", False, None, "enterprise"),
        ("各重点产业链副链长部门", False, None, "collective"),
    ]
    # an unknown department without prefix borrows its neighbour's: 市委宣传部、市司法局、融媒体中心
    assert _names(split_units("市司法局、融媒体中心")) == ["市司法局", "市融媒体中心"]


def test_spans_point_into_the_original_text() -> None:
    text = "（责任单位：市市场监管局（知识产权局）、市科技局，\n各县（区）人民政府）"
    start = text.index("：") + 1
    end = text.rindex("）")
    units = split_units(text[start:end], start)
    assert [u.mention for u in units] == ["市市场监管局（知识产权局）", "市科技局", "各县（区）人民政府"]
    _check_spans(text, units)
    assert units[0].start == start


@pytest.mark.parametrize("gold", GOLD, ids=lambda p: p.stem)
def test_gold_mentions(gold: Path) -> None:
    """Every department mention of the gold, split alone, is one known unit with the gold name."""
    for line in gold.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for dept in record.get("departments", []) if record.get("kind") == "task" else []:
            [unit] = split_units(dept["mention"])
            assert (unit.mention, unit.name, unit.known) == (dept["mention"], dept["name"], True), dept


# ---------------------------------------------------------------- find_units


def test_find_units_in_prose() -> None:
    text = "由市发展改革委牵头，市财政局、市住建局配合，确保按期完成。"
    units = find_units(text, 100)
    assert [(u.mention, u.function) for u in units] == [
        ("市发展改革委", "发展改革"),
        ("市财政局", "财政"),
        ("市住建局", "住房城乡建设"),
    ]
    _check_spans(text, units, 100)


def test_find_units_restores_prefixes_within_a_list() -> None:
    units = find_units("（市经信委、发改委、科技局等负责）国家知识产权局不是地方部门。")
    assert _names(units) == ["市经信委", "市发改委", "市科技局"]
    assert find_units("市委书记主持会议。") == []
    assert _names(find_units("在市委政府统筹下")) == ["市委"]  # 市委、市政府 run together: not 市委's 政府


def test_find_units_on_a_long_text() -> None:
    filler = "围绕重点产业链布局标准链，推进企业标准自我声明公开制度，提高地方标准质量水平。"
    parts = [filler * 40 + "（责任单位：市市场监管局、市科技局，各县（区）人民政府）" for _ in range(60)]
    text = "".join(parts)
    while len(text) < 100_000:
        text += filler
    units = find_units(text)
    assert len(units) == 180
    assert {u.name for u in units} == {"市市场监管局", "市科技局", "各县（区）人民政府"}
    _check_spans(text, units)


# ---------------------------------------------------------------- qualify and keys


@pytest.mark.parametrize(
    ("name", "jurisdiction", "expected"),
    [
        ("市科技局", "宝鸡市", "宝鸡市科技局"),
        ("县民政局", "眉县", "眉县民政局"),
        ("科技局", "宝鸡市", "宝鸡市科技局"),
        ("市委宣传部", "宝鸡市", "宝鸡市委宣传部"),
        ("人行渭南市中心支行", "宝鸡市", "人行渭南市中心支行"),
        ("宝鸡高新区管委会", "宝鸡市", "宝鸡高新区管委会"),
        ("哈尔滨市政府", "宝鸡市", "哈尔滨市政府"),
        ("各县（区）人民政府", "宝鸡市", "宝鸡市各县（区）人民政府"),
        ("各镇、街道", "青铜峡市", "青铜峡市各镇、街道"),
        ("市级各有关部门", "咸阳市", "咸阳市级各有关部门"),
        ("市爱卫会各成员单位", "宝鸡市", "宝鸡市爱卫会各成员单位"),
        ("省政府各部门", "宝鸡市", "陕西省政府各部门"),
        ("自治区政府各部门", "青铜峡市", "宁夏回族自治区政府各部门"),
        ("宝鸡市各县区政府", "宝鸡市", "宝鸡市各县区政府"),
        ("国务院各部门", "中华人民共和国", "国务院各部门"),
        ("各县（区）人民政府", None, "各县（区）人民政府"),
        ("县民政局", "宝鸡市", "县民政局"),
        ("宝鸡文理学院", "宝鸡市", "宝鸡文理学院"),
        ("科技局", None, "科技局"),
        ("宣传部", "宝鸡市", "宝鸡市委宣传部"),
        ("市直机关工委", "宝鸡市", "宝鸡市直机关工委"),
        ("自治区党委宣传部", "宁夏回族自治区", "宁夏回族自治区党委宣传部"),
        ("团市委", "青铜峡市", "共青团青铜峡市委"),
    ],
)
def test_qualify(name: str, jurisdiction: str | None, expected: str) -> None:
    assert qualify(name, jurisdiction) == expected


def test_department_keys() -> None:
    units = split_units("市环保局、市生态环境局、环保局、市科技局")
    assert {department_key(u, "宝鸡市") for u in units} == {"宝鸡市/生态环境", "宝鸡市/科技"}
    [pboc, place] = split_units("人行渭南市中心支行、哈尔滨市政府")
    assert department_key(pboc, "宝鸡市") == "渭南市/人民银行"
    assert department_key(place, "宝鸡市") == "哈尔滨市/人民政府"
    [unknown] = split_units("市秦岭办")
    assert department_key(unknown, "宝鸡市") == "宝鸡市/宝鸡市秦岭办"
    [collective] = split_units("各县（区）人民政府")
    assert department_key(collective, "宝鸡市") == "宝鸡市/各县区人民政府"
    assert department_key(collective, "巴彦淖尔市") == "巴彦淖尔市/各县区人民政府"
    assert department_key(collective, None) == "各县区人民政府"  # no place known: bare (extract warns W302)
    [province] = split_units("省政府各部门")
    assert department_key(province, "宝鸡市") == "陕西省/各有关部门"


# ---------------------------------------------------------------- jieba


def test_jieba_userdict(tmp_path: Path) -> None:
    jieba = pytest.importorskip("jieba")
    path = tmp_path / "departments.dict"
    count = write_jieba_userdict(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert count == len(lines) > 1000
    assert all(len(line.split(" ")) == 3 and line.endswith(" nt") for line in lines)
    words = {line.split(" ")[0] for line in lines}
    assert {"发改委", "市发改委", "县住建局", "市委宣传部", "各县区人民政府"} <= words
    jieba.load_userdict(str(path))
    assert "市住建局" in jieba.lcut("由市住建局牵头落实")
