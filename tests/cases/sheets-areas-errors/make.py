#!/usr/bin/env python3
"""Write tests/cases/sheets-areas-errors/areas.xlsx: the mistakes an office makes in its
areas workbook, each at a known cell (tests/sheets.rs checks every place). The file is
committed; to remake it (see ../sheets/make.py for the venv):

    target/sheets-venv/bin/python tests/cases/sheets-areas-errors/make.py
"""

import os
import sys

import openpyxl

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sheets"))
from make import save_xlsx  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def areas():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "区划"
    ws.append(["编号", "名称", "类型", "上级"])
    ws.append(["shiyi", "示例县", "县", None])
    ws.append(["Dong Zhen", "东镇", "乡镇", "shiyi"])  # B3… A3: not an id
    ws.append(["xizhen", "西镇", "公社", "shiyi"])  # C4: no such kind
    ws.append(["dongcun", "东村", "村", "南镇"])  # D5: no such parent
    ws.append(["dongcun", "东村二组", "村", "西镇"])  # A6: the id twice
    ws.append(["xicun", None, "村", "西镇"])  # B7: no name
    ws2 = wb.create_sheet("选区")
    ws2.append(["编号", "选区名称", "层级", "覆盖范围"])
    ws2.append(["c1", "第一选区", "市", "西镇"])  # C2: a city constituency
    ws2.append(["c2", "第二选区", "县", None])  # D3: covers nothing
    ws2.append(["c3", "第三选区", "乡镇", "北村"])  # D4: no such area
    ws2.append(["c4", "第四选区", "未知", "西镇"])  # C5: not a level
    save_xlsx(wb, os.path.join(HERE, "areas.xlsx"))


if __name__ == "__main__":
    areas()
