#!/usr/bin/env python3
"""Write the fixture workbooks of tests/cases/sheets/ and the equivalent YAML/Markdown site
tests/cases/sheets-yaml/ (tests/sheets.rs builds both and compares the pages).

The workbooks are made the way county offices make them (areas.xlsx too:
the areas and their constituencies): a merged title row and a date
line above the header, 序号 and 备注 columns, a 选区 cell merged over the rows of its
deputies, dates as date cells, serial numbers and text (2025/6/12, 2025年7月3日),
full-width digits, stray and non-breaking spaces, numbers stored as numbers (a phone
without its area code, which sits in a 区号 column), blank rows between blocks; the
stations as an .ods (LibreOffice, 区号 merged over both rows) and the suggestion register as a WPS .et (BIFF, like .xls).
The binary files are committed, so the tests need no Python. To remake them:

    python3 -m venv target/sheets-venv
    target/sheets-venv/bin/pip install openpyxl odfpy xlwt
    target/sheets-venv/bin/python tests/cases/sheets/make.py

Every file is written with fixed timestamps, so running it twice gives the same bytes
(except the .ods, whose zip dates odfpy sets itself).
"""

import datetime as dt
import os
import shutil

import openpyxl
import xlwt
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableRow, TableCell, CoveredTableCell
from odf.text import P

HERE = os.path.dirname(os.path.abspath(__file__))
YAML = os.path.join(os.path.dirname(HERE), "sheets-yaml")
FIXED = dt.datetime(2025, 9, 1, 0, 0, 0)


def yaml_site():
    """The equivalent site, written as an editor would in YAML and Markdown."""
    if os.path.isdir(YAML):
        shutil.rmtree(YAML)
    for d in ["deputies", "stations", "activities", "suggestions"]:
        os.makedirs(os.path.join(YAML, d))
    for f in ["site.yaml", "handlers.yaml"]:
        shutil.copy(os.path.join(HERE, f), os.path.join(YAML, f))

    def write(rel, text):
        with open(os.path.join(YAML, rel), "w", encoding="utf-8") as f:
            f.write(text)

    write("areas.yaml", """areas:
  - { id: shiyi, name: 示例县, kind: county }
  - { id: dongzhen, name: 东镇, kind: township, parent: shiyi }
  - { id: xizhen, name: 西镇, kind: township, parent: shiyi }
  - { id: dongcun, name: 东村, kind: village, parent: dongzhen }
  - { id: xicun, name: 西村, kind: village, parent: xizhen }
constituencies:
  - { id: dz-01, name: 东镇第一选区, level: county, covers: [dongzhen] }
  - { id: xz-01, name: 西镇第一选区, level: county, covers: [xizhen] }
  - { id: dz-t01, name: 东镇东村选区, level: township, covers: [dongcun] }
  - { id: xz-t01, name: 西镇西村选区, level: township, covers: [xicun] }
""")

    write("deputies/wang-wei.md", """---
name: 王伟
level: county
constituency: dz-01
term: 十八届
gender: male
ethnicity: 汉族
occupation: 东镇卫生院院长
stations: [dong-station]
contact:
  phone: "0917-8212345"
extra: { birth: "1973-05", party: 中共党员 }
---
王伟，1973年生，主任医师。

关注乡镇卫生院建设。
""")
    write("deputies/li-xiuying.md", """---
name: 李秀英
level: county
constituency: dz-01
term: 十八届
gender: female
ethnicity: 汉族
occupation: 东村党支部书记
stations: [dong-station]
contact:
  phone: "0917-8212346"
extra: { birth: "1980-03", party: 群众 }
---
""")
    write("deputies/zhao-min.md", """---
name: 赵敏
level: county
constituency: xz-01
term: 十八届
gender: female
ethnicity: 回族
occupation: 西镇中学教师
stations: [xi-station]
name_native: ژاۋ مىن
extra: { birth: "1985-07" }
---
赵敏，西镇中学语文教师。

## 履职承诺

每季度到西镇代表之家接待群众一次。
""")
    write("deputies/wang-wei-2.md", """---
name: 王伟
level: township
constituency: dz-t01
gender: male
stations: [dong-station]
---
""")
    write("deputies/sun-ming.md", """---
name: 孙明
level: township
constituency: xz-t01
gender: male
---
""")
    write("stations/dong-station.md", """---
name: 东镇代表联络站
kind: station
area: dongzhen
serves: [dongcun]
address: 东镇人民政府一楼
phone: "0917-8200001"
receptions:
  - every: month
    nth: 1
    weekday: friday
    time: "09:00-11:30"
    deputies: [wang-wei, li-xiuying]
---
东镇代表联络站设在镇政府一楼。
""")
    write("stations/xi-station.md", """---
name: 西镇代表之家
kind: home
area: xizhen
serves: [xicun]
address: 西镇文化站二楼
phone: "0917-8200002"
receptions:
  - every: week
    weekday: [tuesday, thursday]
    time: "14:30-17:00"
    deputies: [zhao-min]
---
""")
    write("activities/dong-reception-0307.md", """---
title: 东镇联络站接待选民
date: 2025-03-07
kind: reception
deputies: [wang-wei, li-xiuying]
station: dong-station
received: 12
---
代表王伟、李秀英在东镇联络站接待选民十二人次。
""")
    write("activities/xi-inspection-0612.md", """---
title: 西镇代表小组视察农村公路
date: 2025-06-12
kind: inspection
deputies: [zhao-min, sun-ming]
area: xizhen
---
""")
    write("activities/dong-research-0703.md", """---
title: 东镇卫生院建设专题调研
date: 2025-07-03
kind: research
deputies: [wang-wei]
area: dongzhen
---
""")
    write("activities/xi-meeting-0829.md", """---
title: 西镇代表小组活动
date: 2025-08-29
kind: group-meeting
deputies: [zhao-min]
station: xi-station
---
""")
    write("suggestions/register.yaml", """- id: 2025-001
  received: 2025-03-07
  channel: reception
  deputies: [wang-wei]
  station: dong-station
  area: dongcun
  category: 交通出行
  summary: 东村村口路灯不亮，夜间出行不便。
  handler: jiaotong
  transferred: 2025-03-10
  replied: 2025-04-20
  reply: 已更换路灯六盏。
  satisfaction: satisfied

- id: 2025-002
  received: 2025-06-12
  channel: visit
  deputies: [zhao-min, sun-ming]
  area: xicun
  category: 农业农村
  summary: 西村灌溉水渠渗漏，建议维修。
  priority: true
""")


def xlsx_deputies():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "县代表"
    ws["A1"] = "示例县第十八届人民代表大会代表名册"
    ws.merge_cells("A1:O1")
    ws["A2"] = "截至2025年9月1日"
    ws.append([
        "序号", "编号", "姓名", "性别", "民族", "出生年月", "政治面貌", "工作单位及职务",
        "选区", "联络站", "区号", "联系电话（公开）", "届次", "备注", "简介",
    ])
    ws.append([1, "wang-wei", "王伟", "男", "汉族", 1973.05, "中共党员", "东镇卫生院院长",
               "东镇第一选区", "东镇代表联络站", None, "０９１７－８２１２３４５", "十八届", "连任",
               "王伟，1973年生，主任医师。\n关注乡镇卫生院建设。"])
    ws.append([2, "li-xiuying", "\u00a0李秀英 ", "女", "汉族", dt.datetime(1980, 3, 1), "群众",
               "东村党支部书记", None, "dong-station", "0917", 8212346, "十八届", None, None])
    ws.merge_cells("I4:I5")
    ws.append([])
    ws.append([3, "zhao-min", "赵敏", "女", "回族", "1985年7月", None, "西镇中学教师",
               "xz-01", "西镇代表之家", None, None, "十八届", None, "赵敏，西镇中学语文教师。"])
    ws["F5"].number_format = "yyyy-mm"
    ws2 = wb.create_sheet("乡镇代表")
    ws2["A1"] = "东镇、西镇人大代表名册"
    ws2.merge_cells("A1:F1")
    ws2.append(["序号", "姓名", "性别", "代表层级", "选区", "联络站"])
    ws2.append([1, "王伟", "男", "乡镇", "东镇东村选区", "dong-station"])
    ws2.append([2, "孙明", "男", "乡", "西镇西村选区", None])
    ws3 = wb.create_sheet("说明")
    ws3.append(["本表由县人大常委会代表工委维护。"])
    # The pledge of 赵敏 in its own column of the county sheet.
    ws["P3"] = "履职承诺"
    ws["P7"] = "每季度到西镇代表之家接待群众一次。"
    # Her name in the Uyghur script, in a column of its own.
    ws["Q3"] = "民族文字姓名"
    ws["Q7"] = "ژاۋ مىن"
    save_xlsx(wb, os.path.join(HERE, "deputies", "名册.xlsx"))


def xlsx_areas():
    """areas.xlsx: the divisions on one sheet (a merged title row, 上级 by name merged over
    the townships of the county), the constituencies on a sheet named 选区 (层级 merged over
    the county's two)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "区划"
    ws["A1"] = "示例县行政区划"
    ws.merge_cells("A1:E1")
    ws.append(["序号", "编号", "名称", "类型", "上级"])
    ws.append([1, "shiyi", "示例县", "县", None])
    ws.append([2, "dongzhen", "东镇", "乡镇", "示例县"])
    ws.append([3, "xizhen", "西镇", "乡镇", None])
    ws.merge_cells("E4:E5")
    ws.append([4, "dongcun", "东村", "村", "东镇"])
    ws.append([5, "ｘｉｃｕｎ", " 西村", "村", "xizhen"])
    ws2 = wb.create_sheet("选区")
    ws2.append(["编号", "选区名称", "层级", "覆盖范围"])
    ws2.append(["dz-01", "东镇第一选区", "县", "东镇"])
    ws2.append(["xz-01", "西镇第一选区", None, "xizhen"])
    ws2.merge_cells("C2:C3")
    ws2.append(["dz-t01", "东镇东村选区", "乡镇", "东村"])
    ws2.append(["xz-t01", "西镇西村选区", "乡镇", "西村"])
    save_xlsx(wb, os.path.join(HERE, "areas.xlsx"))


def xlsx_activities():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2025年"
    ws["A1"] = "2025年代表活动台账"
    ws.merge_cells("A1:I1")
    ws.append(["序号", "编号", "日期", "活动名称", "类型", "参加代表", "联络站", "所在地", "接待人数", "活动内容"])
    ws.append([1, "dong-reception-0307", dt.datetime(2025, 3, 7), "东镇联络站接待选民", "接待",
               "wang-wei、li-xiuying", "dong-station", None, 12, "代表王伟、李秀英在东镇联络站接待选民十二人次。"])
    ws.append([2, "xi-inspection-0612", "2025/6/12", "西镇代表小组视察农村公路", "视察",
               "zhao-min，孙明", None, "西镇", None, None])
    ws.append([None] * 10)
    ws.append([3, "dong-research-0703", "2025年7月3日", "东镇卫生院建设专题调研", "调研", "wang-wei", None,
               "dongzhen", None, None])
    ws.append([4, "xi-meeting-0829", 45898, " 西镇代表小组活动", "小组活动", "zhao-min", "西镇代表之家",
               None, None, None])
    save_xlsx(wb, os.path.join(HERE, "activities", "活动台账.xlsx"))


def save_xlsx(wb, path):
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.properties.creator = "lianluo"
    wb.save(path)
    # openpyxl stamps the zip entries with the time of the run: rewrite them fixed.
    import zipfile
    import re
    with zipfile.ZipFile(path) as z:
        entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    # openpyxl also sets the modification date to the time of the run, whatever was asked.
    entries = [
        (name, re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2025-09-01T00:00:00Z", data)
         if name == "docProps/core.xml" else data)
        for name, data in entries
    ]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2025, 9, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


COVERED = object()


def ods_stations():
    """The stations as LibreOffice writes them, 区号 merged over both stations' rows and the
    blank row between them (a spanning cell, then covered cells)."""
    doc = OpenDocumentSpreadsheet()
    t = Table(name="联络站")

    def row(*cells):
        tr = TableRow()
        for c in cells:
            if c is None:
                tr.addElement(TableCell())
            elif c is COVERED:
                tr.addElement(CoveredTableCell())
            elif isinstance(c, tuple):
                text, rows = c
                tc = TableCell(valuetype="string", numberrowsspanned=rows)
                tc.addElement(P(text=text))
                tr.addElement(tc)
            elif isinstance(c, (int, float)):
                tc = TableCell(valuetype="float", value=c)
                tc.addElement(P(text=str(c)))
                tr.addElement(tc)
            else:
                tc = TableCell(valuetype="string")
                for line in c.split("\n"):
                    tc.addElement(P(text=line))
                tr.addElement(tc)
        t.addElement(tr)

    row("示例县人大代表联络站一览表")
    row("编号", "名称", "类型", "所在地", "服务范围", "地址", "区号", "电话", "接待安排", "接待代表", "简介")
    row("dong-station", "东镇代表联络站", "联络站", "东镇", "东村", "东镇人民政府一楼", ("0917", 3), "0917-8200001",
        "每月第一个星期五 9:00-11:30", "wang-wei、li-xiuying", "东镇代表联络站设在镇政府一楼。")
    row(None, None, None, None, None, None, COVERED)
    row("ｘｉ-station", "西镇代表之家", "代表之家", "xizhen", "西村", "西镇文化站二楼", COVERED, 8200002,
        "每周二、四 下午2:30-5:00", "zhao-min", None)
    doc.spreadsheet.addElement(t)
    doc.save(os.path.join(HERE, "stations", "联络站.ods"))


def et_suggestions():
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("2025年")
    date = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    ws.write_merge(0, 0, 0, 13, "2025年群众意见建议登记台账")
    ws.write(1, 0, "填表单位：示例县人大常委会代表工委")
    head = ["编号", "收到日期", "渠道", "代表", "联络站", "所在地", "类别", "群众反映", "承办单位", "交办日期", "答复日期",
            "答复内容", "满意度", "重点"]
    for i, h in enumerate(head):
        ws.write(2, i, h)
    r1 = ["2025-001", dt.datetime(2025, 3, 7), "接待", "wang-wei", "东镇代表联络站", "东村", "交通出行",
          "东村村口路灯不亮，夜间出行不便。", "县交通运输局", "2025.3.10", dt.datetime(2025, 4, 20), "已更换路灯六盏。", "满意", None]
    r2 = ["２０２５-００２", "2025-06-12", "走访", "zhao-min；sun-ming", None, "xicun", "农业农村",
          "西村灌溉水渠渗漏，建议维修。", None, None, None, None, None, "是"]
    for r, values in [(3, r1), (5, r2)]:
        for i, v in enumerate(values):
            if v is None:
                continue
            if isinstance(v, dt.datetime):
                ws.write(r, i, v, date)
            else:
                ws.write(r, i, v)
    wb.save(os.path.join(HERE, "suggestions", "建议台账.et"))


if __name__ == "__main__":
    for d in ["deputies", "stations", "activities", "suggestions"]:
        os.makedirs(os.path.join(HERE, d), exist_ok=True)
    xlsx_areas()
    xlsx_deputies()
    xlsx_activities()
    ods_stations()
    et_suggestions()
    yaml_site()
