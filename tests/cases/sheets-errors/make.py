#!/usr/bin/env python3
"""Write the workbooks of tests/cases/sheets-errors/: one mistake of each kind an office
makes in a spreadsheet, each at a known cell (tests/sheets.rs checks every place).
The .xlsx files are committed; to remake them (see ../sheets/make.py for the venv):

    target/sheets-venv/bin/python tests/cases/sheets-errors/make.py
"""

import os
import sys

import openpyxl

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sheets"))
from make import save_xlsx  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def deputies():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "县代表"
    ws["A1"] = "示例县人大代表名册"
    ws.merge_cells("A1:I1")
    ws.append(["序号", "编号", "姓名", "性别", "选区", "联络站", "联系电话（公开）", "政治面膜", "选举单位", "民族文字姓名",
               "简介", "履职承诺"])
    # L3: bold that does not render, in the second of the two body cells.
    ws.append([1, "wang-wei", "王伟", "男", "东镇第一选区", "dong", "0917-8212345", None, None, None,
               "王伟，东镇卫生院院长。\n关注乡镇卫生院建设。", "**注意：**每月到联络站接待群众。"])
    ws.append([2, "wang-wei-b", "王伟", "男", "东镇第一选区", None, "917-8212345", None, None, "Wang Wei"])
    ws.append([3, "li-xiuying", None, "女", "东镇第一选区", None, None, None, None])
    ws.append([4, "zhao-min", "赵敏", "未知", "东镇第九选区", None, None, None, None])
    ws.append([5, "zhao-min", "赵敏敏", "女", "东镇第一选区", None, None, None, None])
    save_xlsx(wb, os.path.join(HERE, "deputies", "名册.xlsx"))


def stations():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "联络站"
    ws.append(["编号", "名称", "所在地", "接待安排", "接待代表"])
    ws.append(["dong", "东镇代表联络站", "东镇", "每月第一个星期五 9:00-11:30", "王伟"])
    ws.append(["xi", "西镇代表之家", "西镇", "不定期", None])
    save_xlsx(wb, os.path.join(HERE, "stations", "站.xlsx"))


def suggestions():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2025"
    ws.append(["编号", "收到日期", "渠道", "群众反映", "代表"])
    ws.append(["2025-001", "2025-02-30", "接待", "来电人电话13812345678，反映路灯不亮。", "wang-wei"])
    ws.append(["2025-002", "2025/3/7", "电报", "路灯不亮。", None])
    ws.append(["2025-003", "#N/A", "接待", "水渠渗漏。", None])
    save_xlsx(wb, os.path.join(HERE, "suggestions", "台账.xlsx"))


def activities():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2025"
    ws.append(["编号", "日期", "活动名称", "类型", "参加代表", "活动内容"])
    ws.append(["a1", "2025-03-07", "接待选民", "接待", "wang-wei", "群众张某（电话13912345678）反映路灯不亮。"])
    save_xlsx(wb, os.path.join(HERE, "activities", "活动.xlsx"))


if __name__ == "__main__":
    for d in ["deputies", "stations", "suggestions", "activities"]:
        os.makedirs(os.path.join(HERE, d), exist_ok=True)
    deputies()
    stations()
    suggestions()
    activities()
    with open(os.path.join(HERE, "activities", "坏文件.xlsx"), "wb") as f:
        f.write(b"this is not a workbook\n")
