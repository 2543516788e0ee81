#!/usr/bin/env python3
"""Writes disguises.tsv: personal data disguised the ways issue #15 lists
(separators, Unicode look-alikes, invisible characters, Chinese digits,
Markdown and HTML tricks, names with titles and relatives), and legitimate
sentences that look like them. Run from the repository root:

    python3 tests/privacy/make_disguises.py > tests/privacy/disguises.tsv

The numbers are made up: ID numbers carry valid GB 11643 check characters,
card numbers valid Luhn digits. The output is deterministic (fixed seed).
"""

import random

rng = random.Random(20260315)

# ---------------------------------------------------------------- numbers

MOBILE_PREFIXES = ["138", "139", "135", "150", "152", "158", "186", "187", "189", "177", "199", "136", "147", "166", "173"]


def mobile():
    return rng.choice(MOBILE_PREFIXES) + "".join(rng.choice("0123456789") for _ in range(8))


def id_number():
    area = rng.choice(["110105", "610102", "440104", "320102", "510104", "420106", "370102", "610404", "430103"])
    y = rng.randint(1940, 2015)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    seq = f"{rng.randint(0, 999):03d}"
    body = f"{area}{y}{m:02d}{d:02d}{seq}"
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    s = sum(int(c) * k for c, k in zip(body, w))
    return body + "10X98765432"[s % 11]


def luhn_complete(prefix, length):
    body = prefix + "".join(rng.choice("0123456789") for _ in range(length - len(prefix) - 1))
    for check in "0123456789":
        digits = [int(c) for c in body + check]
        total = 0
        for k, v in enumerate(reversed(digits)):
            if k % 2 == 1:
                v *= 2
                if v > 9:
                    v -= 9
            total += v
        if total % 10 == 0:
            return body + check
    raise AssertionError


def card():
    return luhn_complete(rng.choice(["6222", "6228", "6217", "6212", "6225", "4367"]), rng.choice([16, 19]))


def landline():
    area = rng.choice(["029", "0917", "020", "010", "0731", "028", "0351"])
    local = str(rng.randint(2, 8)) + "".join(rng.choice("0123456789") for _ in range(7 if len(area) == 3 else 6))
    return area, local


def groups(s, sizes):
    out, k = [], 0
    for n in sizes:
        out.append(s[k:k + n])
        k += n
    if k < len(s):
        out.append(s[k:])
    return out


FULL = {str(d): chr(0xFF10 + d) for d in range(10)}
CIRCLED = {"0": "⓪", **{str(d): chr(0x2460 + d - 1) for d in range(1, 10)}}
SUPER = {"0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹"}
MATH = {str(d): chr(0x1D7CE + d) for d in range(10)}
MATH_SANS = {str(d): chr(0x1D7E2 + d) for d in range(10)}
CN = dict(zip("0123456789", "〇一二三四五六七八九"))
CN_YAO = dict(zip("0123456789", "零幺二三四五六七八九"))
CAPS = dict(zip("0123456789", "零壹贰叁肆伍陆柒捌玖"))


def digits_as(s, table, every=1):
    return "".join(table.get(c, c) if k % every == 0 else c for k, c in enumerate(s))


INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f", "\u202a", "\u202c"]


def sprinkle(s, mark):
    return mark.join(s)


def split_mobile(m, sep):
    return sep.join(groups(m, [3, 4, 4]))


SEPARATORS = [".", "/", "-", "--", " ", "  ", "\t", "\n", " . ", "·", "．", "／", "－", "—", "_"]

PHONE_LEADS = [
    "来电人电话{}，反映楼道灯不亮。",
    "反映人手机{}，要求尽快答复。",
    "联系方式：{}（白天打）。",
    "请回电{}告知办理结果。",
    "求助人留下号码{}，家中老人无人照料。",
    "网友留言，电话是{}，反映路面塌陷。",
    "家长反映校门口拥堵，手机{}。",
    "村民要求回访，号码{}。",
    "{}是反映人的手机，请核实后联系。",
    "经电话{}回访，来访人基本满意。",
]


def phone_sentence(number):
    return rng.choice(PHONE_LEADS).format(number)


def esc(text):
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


positives = []
negatives = []


def pos(kind, text):
    positives.append((kind, text))


def neg(text):
    negatives.append(("none", text))


# Mobiles with joiners.
for sep in SEPARATORS:
    for _ in range(4):
        pos("mobile", phone_sentence(split_mobile(mobile(), sep)))
# Mobiles as 3-8, 7-4 with odd joiners.
for sep in [".", "/", "\t", "\n", "--"]:
    m = mobile()
    pos("mobile", phone_sentence(m[:7] + sep + m[7:]))
    m = mobile()
    pos("mobile", phone_sentence(m[:3] + sep + m[3:]))
# Spelled out one or two digits at a time.
for sep in [" ", ".", "-", "\t"]:
    pos("mobile", phone_sentence(sep.join(mobile())))
    m = mobile()
    pos("mobile", phone_sentence(sep.join(m[k:k + 2] for k in range(0, 11, 2))))
# Look-alike digits.
for table in [FULL, CIRCLED, SUPER, MATH, MATH_SANS]:
    for _ in range(5):
        pos("mobile", phone_sentence(digits_as(mobile(), table)))
    pos("mobile", phone_sentence(split_mobile(digits_as(mobile(), table), "-")))
# Mixed look-alikes.
for _ in range(6):
    m = mobile()
    mixed = "".join(rng.choice([FULL, CIRCLED, MATH, {}]).get(c, c) for c in m)
    pos("mobile", phone_sentence(mixed))
# Invisible characters.
for mark in INVISIBLE:
    pos("mobile", phone_sentence(sprinkle(mobile(), mark)))
    m = mobile()
    pos("mobile", phone_sentence(m[:5] + mark + m[5:]))
# Chinese digits.
for table in [CN, CN_YAO, CAPS]:
    for _ in range(5):
        pos("mobile", phone_sentence(digits_as(mobile(), table)))
    pos("mobile", phone_sentence(split_mobile(digits_as(mobile(), table), " ")))
for _ in range(4):
    m = mobile()
    pos("mobile", phone_sentence(m[:3] + digits_as(m[3:], CN)))
# +86 with joiners.
for sep in [".", "/", " ", "-"]:
    pos("mobile", phone_sentence("+86" + sep + split_mobile(mobile(), sep)))
# Markdown and HTML tricks (scanned as rendered too).
MD_TRICKS = [
    lambda m: f"{m[:3]}**{m[3:7]}**{m[7:]}",
    lambda m: f"{m[:3]}*{m[3:7]}*{m[7:]}",
    lambda m: f"{m[:4]}__{m[4:8]}__{m[8:]}",
    lambda m: f"{m[:3]}~~{m[3:7]}~~{m[7:]}",
    lambda m: f"{m[:3]}<!-- 备注 -->{m[3:]}",
    lambda m: f"{m[:5]}<!---->{m[5:]}",
    lambda m: f"&#{ord(m[0])};{m[1:]}",
    lambda m: "".join(f"&#{ord(c)};" for c in m[:4]) + m[4:],
    lambda m: f"{m[:3]}&#x{ord(m[3]):x};{m[4:]}",
    lambda m: f"{m[:6]}<span>{m[6:]}</span>",
    lambda m: f"`{m[:3]}`{m[3:]}",
    lambda m: f"{m[:3]}\\-{m[3:7]}\\-{m[7:]}",
    lambda m: f"{m[:3]}<b></b>{m[3:]}",
    lambda m: f"[{m[:7]}](#){m[7:]}",
    lambda m: f"{m[:3]}&zwnj;{m[3:]}",
    lambda m: f"{m[:3]}&shy;{m[3:7]}&shy;{m[7:]}",
    lambda m: f"{m[:3]}<!--\n-->{m[3:]}",
    lambda m: f"**{m[:3]}**{m[3:]}",
    lambda m: f"{m[:3]}***{m[3:7]}***{m[7:]}",
    lambda m: f"{m[:3]}<i>{m[3:7]}</i>{m[7:]}",
    lambda m: f"{m[:3]}&#8203;{m[3:]}",
    lambda m: f"{m[:3]}\\\n{m[3:]}",
    lambda m: f"{m[:3]}  \n{m[3:]}",
]
for trick in MD_TRICKS:
    pos("mobile", phone_sentence(trick(mobile())))

# Landlines.
for sep in [".", "/", "\t", "\n", "--", "．"]:
    area, local = landline()
    pos("landline", f"家里座机{area}{sep}{local}，白天没人接。")
for table in [FULL, CIRCLED, MATH]:
    area, local = landline()
    pos("landline", f"宅电{digits_as(area, table)}-{digits_as(local, table)}。")
for _ in range(3):
    area, local = landline()
    pos("landline", f"固话{digits_as(area + local, CN)}，晚上打。")
for mark in INVISIBLE[:4]:
    area, local = landline()
    pos("landline", f"联系电话{sprinkle(area, mark)}-{local}。")

# ID numbers with separators.
ID_LEADS = ["身份证号{}，养老金停发。", "来访人身份证{}。", "证件号码：{}，请核实。", "老人身份证号 {} 认证失败。"]
for sep in [" ", "-", ".", "/", "\t", "\n", "--", "．", "—"]:
    for sizes in ([6, 8, 4], [6, 4, 4, 4], [4, 4, 4, 4, 2]):
        pos("id-number", rng.choice(ID_LEADS).format(sep.join(groups(id_number(), sizes))))
for table in [FULL, CIRCLED, MATH, CN]:
    for _ in range(2):
        pos("id-number", rng.choice(ID_LEADS).format(digits_as(id_number(), table)))
for mark in INVISIBLE[:5]:
    pos("id-number", rng.choice(ID_LEADS).format(sprinkle(id_number(), mark)))
for _ in range(3):
    i = id_number()
    pos("id-number", rng.choice(ID_LEADS).format(f"{i[:6]}**{i[6:14]}**{i[14:]}"))
    i = id_number()
    pos("id-number", rng.choice(ID_LEADS).format(f"{i[:10]}<!-- -->{i[10:]}"))

# Bank cards with separators.
CARD_LEADS = ["补贴打到银行卡{}，一直没到账。", "社保卡号：{}，请核查。", "工资卡{}被冻结。", "惠农卡号 {} 未收到补贴。"]
for sep in [" ", "-", ".", "/", "\t", "\n", "--", "．"]:
    for _ in range(2):
        c = card()
        pos("bank-card", rng.choice(CARD_LEADS).format(sep.join(groups(c, [4, 4, 4, 4]))))
for table in [FULL, CIRCLED, MATH, CN]:
    pos("bank-card", rng.choice(CARD_LEADS).format(digits_as(card(), table)))
for mark in INVISIBLE[:4]:
    pos("bank-card", rng.choice(CARD_LEADS).format(sprinkle(card(), mark)))
for _ in range(3):
    c = card()
    pos("bank-card", rng.choice(CARD_LEADS).format(f"{c[:4]}**{c[4:8]}**{c[8:]}"))

# E-mail.
LOCALS = ["zhangsan", "li.si88", "wangwu_2020", "zhaoliu", "chenqi", "liuba1975", "sunjiu", "zhou_shi"]
DOMAINS = ["163.com", "qq.com", "126.com", "sina.com", "foxmail.com", "139.com"]
EMAIL_LEADS = ["邮箱{}，请回复。", "反映人留下邮箱：{}。", "材料发到{}就行。", "联系邮箱 {} 。"]
for at in ["＠", "(at)", "[at]", "(AT)", "{at}", " at ", "（at）", "艾特", "@\u200b", "\u200b@"]:
    for _ in range(2):
        pos("email", rng.choice(EMAIL_LEADS).format(rng.choice(LOCALS) + at + rng.choice(DOMAINS)))
for dot in ["．", "。com"]:
    local, domain = rng.choice(LOCALS), rng.choice(DOMAINS)
    d = domain.replace(".", "．") if dot == "．" else domain.split(".")[0] + "．com"
    pos("email", rng.choice(EMAIL_LEADS).format(f"{local}@{d}"))
for name in ["张三", "李四", "王建国", "赵敏敏", "刘小红"]:
    pos("email", rng.choice(EMAIL_LEADS).format(name + "@" + rng.choice(DOMAINS)))
for _ in range(3):
    pos("email", rng.choice(EMAIL_LEADS).format(digits_as(rng.choice(LOCALS) + "@" + rng.choice(DOMAINS), FULL)))
    local = rng.choice(LOCALS)
    pos("email", rng.choice(EMAIL_LEADS).format(f"{local[:3]}**{local[3:]}**@{rng.choice(DOMAINS)}"))

# Addresses.
for lead in ["家住", "反映人住", "住在", "她家在", "来访人住"]:
    pos("address", f"{lead}{rng.randint(1, 12)}-{rng.randint(1, 6)}-{rng.randint(1, 30)}0{rng.randint(1, 4)}，楼上漏水。")
for _ in range(5):
    pos("address", f"幸福小区{rng.randint(1, 12)}-{rng.randint(1, 6)}-{rng.randint(1, 20)}0{rng.randint(1, 4)}室的业主反映噪音。")
for letter in "ABCDE":
    pos("address", f"反映人住{letter}座{rng.randint(3, 25)}0{rng.randint(1, 6)}室，电梯常坏。")
for _ in range(6):
    pos("address", f"{rng.randint(1, 30)}0{rng.randint(1, 8)}室的住户{rng.choice(['反映', '投诉', '希望'])}楼道堆物。")
for _ in range(4):
    pos("address", f"住在新华路{digits_as(str(rng.randint(10, 200)), FULL)}号的居民反映噪音。")
    pos("address", f"家住{rng.randint(1, 9)}号楼{rng.randint(1, 4)}单元{digits_as(str(rng.randint(1, 20)) + '0' + str(rng.randint(1, 4)), CIRCLED)}室。")
for _ in range(3):
    pos("address", f"反映人住解放路**{rng.randint(10, 99)}号**，门前积水。")
    pos("address", f"家住 {rng.randint(1, 9)} 号楼 {rng.randint(1, 4)} 单元 {rng.randint(1, 20)}0{rng.randint(1, 4)} 室，老人行动不便。")

# Names.
# Surnames and given names that never spell a deputy's name (陈浩宇 starts
# with the deputy 陈浩, and a deputy's name is published on purpose).
SURN = "张王李刘杨黄吴郭何林"
GIVEN = ["建国", "桂兰", "秀英", "小明", "海燕", "志强", "淑芬", "子涵", "浩宇", "雨欣", "国强", "玉梅"]
for hon in ["大爷", "大妈", "阿姨", "师傅", "女士", "先生", "奶奶", "大娘"]:
    s = rng.choice(SURN)
    pos("name", f"{s} {hon}反映小区没有电梯。")
    s = rng.choice(SURN)
    pos("name", f"走访时{s}\u3000{hon}说路灯坏了。")
for hon in ["同志", "老人", "先生", "女士"]:
    for _ in range(3):
        pos("name", f"{rng.choice(SURN)}{rng.choice(GIVEN)}{hon}反映宅基地纠纷。")
for rel in ["之子", "之女", "之妻", "之孙", "之孙女"]:
    pos("name", f"{rng.choice(SURN)}某某{rel}{rng.choice(SURN)}{rng.choice(GIVEN)}今年读小学。")
for rel in ["儿子", "女儿", "妻子", "丈夫", "父亲", "母亲", "孙子", "孙女"]:
    pos("name", f"其{rel}{rng.choice(SURN)}{rng.choice(GIVEN)}在外地务工。")
    pos("name", f"张某的{rel}{rng.choice(SURN)}{rng.choice(GIVEN)}需要救助。")
for _ in range(4):
    s, g = rng.choice(SURN), rng.choice(GIVEN)
    pos("name", f"来访人：{s}\u200b{g}，男，65岁。")
    s = rng.choice(SURN)
    pos("name", f"{s}**大爷**反映楼道灯不亮。")

# Plates and IM ids with look-alikes.
for table in [FULL, CIRCLED]:
    pos("plate", f"车牌陕A{digits_as('12345', table)}的车辆长期占道。")
for mark in INVISIBLE[:3]:
    pos("im-id", f"QQ号{sprinkle('123456789', mark)}，请加好友。")
pos("im-id", f"ＱＱ：{digits_as('987654321', CIRCLED)}")

# ---------------------------------------------------------------- negatives

for y in range(2019, 2027):
    m, d = rng.randint(1, 12), rng.randint(1, 28)
    neg(f"电话回访日期{y}.{m:02d}.{d:02d}，群众满意。")
    neg(f"电话回访于{y}/{m:02d}/{d:02d}完成。")
    neg(f"{y}-{m}-{d}召开座谈会，会上电话连线了镇政府。")
    neg(f"会议时间：{y}年{m}月{d}日 9:30-11:30。")
for p in ["12.5%", "3.75%", "0.8%", "105.2%", "99.9%"]:
    neg(f"办结率同比提高{p}，满意率达到{p}。")
for r in ["3-5 天", "3～5个工作日", "7-10天", "15-20 个工作日", "1-2 周"]:
    neg(f"预计{r}内完成维修，电话通知到户。")
for q in ["第1-3季度", "第2-4季度", "第1—2季度", "1-6月", "第3.2.1条"]:
    neg(f"{q}共受理建议{rng.randint(10, 300)}件。")
for a in ["1,234.56元", "3.5万元", "12.8亿元", "2,500元", "1200.00元", "0.35元/千瓦时", "158.6万元", "2025.5万元"]:
    neg(f"项目投资{a}，已全部到位。")
for h in ["12345", "12315", "12348", "110", "119", "120", "96110", "12369", "12320"]:
    neg(f"群众可拨打{h}热线反映问题。")
for h in ["400-123-4567", "800-820-8820", "400.123.4567", "４００－１２３－４５６７"]:
    neg(f"服务热线{h}，全天有人值守。")
neg("县人大常委会公开电话0917-8299000，欢迎来电。")
neg("联络站电话0917.8212345，工作日接待。")
neg("代表李秀英的公开电话 0917-8210000。")
neg("监督电话（0917）8221000，受理时间为工作日。")
neg("代表邮箱lixiuying@example.gov.cn，欢迎来信。")
neg("代表邮箱 zhaomin@example.gov.cn 每周查看。")
for masked in ["138****5678", "139****0000", "186****1234", "1**********", "138-****-5678", "138 **** 5678", "133****9911"]:
    neg(f"来电人电话{masked}，已回访。")
    neg(f"反映人（电话{masked}）要求保密。")
for masked in ["张某", "李某某", "王**", "赵XX", "刘某", "陈某某", "欧阳某", "杨某"]:
    neg(f"{masked}反映小区停车难。")
    neg(f"来访人{masked}对答复表示满意。")
for masked in ["某小区", "某村某组", "某路某号", "某小区某栋", "某街道某社区"]:
    neg(f"家住{masked}的居民反映噪音扰民。")
for addr in ["沿江西路151号", "广州市越秀区沿江西路151号"]:
    neg(f"联络站地址：{addr}，欢迎选民来访。")
    neg(f"可到{addr}当面反映。")
    neg(f"答复：请携带材料到{addr}办理。")
for body, addr in [
    ("市人民政府", "北京市西城区西长安街1号"),
    ("区人大常委会", "解放路12号"),
    ("县人民法院", "新华路88号"),
    ("县人民医院", "人民路128号"),
    ("第一中学", "学府路36号"),
    ("镇卫生院", "红旗村5组12号"),
    ("县政府大楼", "府前街1号"),
    ("人大代表联络站", "长安路199号"),
    ("街道办事处", "东关街15号"),
    ("县公安局", "北大街2号"),
    ("区政务服务中心", "建设一路12号"),
    ("县图书馆", "文化巷21号"),
]:
    neg(f"{body}位于{addr}。")
    neg(f"{body}（{addr}）设有接待窗口。")
    neg(f"会议在{addr}{body}召开。")
neg("会议在区政府办公楼301室举行。")
neg("接待地点：县人大常委会机关502室。")
neg("联络站设在社区党群服务中心203室。")
for dep in ["李秀英", "王军", "陈浩", "赵敏", "孙明德", "周桂英"]:
    neg(f"{dep}代表接待了来访群众。")
    neg(f"代表{dep}主持座谈会。")
    neg(f"{dep}同志主持会议。")
for phrase in [
    "以习近平同志为核心的党中央",
    "县政府分管领导同志参加会议",
    "有关负责同志陪同调研",
    "慰问高龄老人和独居老人",
    "留守老人的女儿在外地打工",
    "儿子常年在外，老人独居",
    "孤寡老人集中供养",
    "关爱空巢老人",
    "学习雷锋同志好榜样",
    "各位女士们、先生们",
    "基层干部同志们辛苦了",
    "父亲节慰问退休职工",
    "母亲河生态保护",
    "女儿在外地读大学",
    "儿子马上毕业",
]:
    neg(phrase + "。")
for doc in ["示政发〔2025〕12号", "人大发〔2024〕3号", "县委办〔2025〕45号"]:
    neg(f"根据{doc}文件要求开展工作。")
for line in ["地铁5号线", "1号文件", "G310国道", "3号楼2单元楼道灯", "5号门"]:
    neg(f"{line}附近施工。")
for n in ["一二三四五", "第一二三批", "一次二次三次", "三五年"]:
    neg(f"{n}都已完成。")
neg("二〇二五年三月七日召开会议。")
neg("二〇二五年第一季度共接待选民一百二十三人次。")
for v in ["3.2.1", "1.0.3", "192.168.1.1", "10.0.0.1"]:
    neg(f"系统版本{v}，运行正常。")
for c in ["东经108.9402度", "北纬34.3416度", "海拔1200.5米", "经度107.6392"]:
    neg(f"站点位于{c}。")
for t in ["10:30", "9:00-11:30", "14:30—17:00"]:
    neg(f"接待时间{t}，电话预约。")
for w in ["**注意**：周六照常接待", "*新华社区*代表工作室", "~~暂停接待~~恢复接待", "详见[公告](https://example.gov.cn/notice)", "<!-- 待补充 -->已办结", "A&amp;B 两个小区"]:
    neg(w + "。")
for s in ["1 2 3 4", "1 2 3 4 5 6 7 8 9 10", "12 13 14 15 16 17", "共 120 户 350 人", "面积 120 平方米", "120\n350\n4800", "第 1 2 3 名"]:
    neg(f"统计：{s}。")
for k in range(20):
    n = rng.randint(100, 9999)
    neg(f"全年共受理建议{n}件，办结{n - rng.randint(0, 50)}件。")
for k in range(10):
    neg(f"投入资金{rng.randint(10, 999)}.{rng.randint(1, 99)}万元，惠及群众{rng.randint(1000, 99999)}人。")
for k in range(10):
    y = rng.randint(2020, 2026)
    neg(f"{y}.{rng.randint(1, 12)}.{rng.randint(1, 28)}至{y}.{rng.randint(1, 12)}.{rng.randint(1, 28)}开展走访。")
for k in range(10):
    neg(f"改造老旧小区{rng.randint(2, 40)}个、{rng.randint(100, 999)}栋、{rng.randint(1000, 9999)}户。")
for k in range(10):
    neg(f"电话回访{rng.randint(100, 999)}人次，满意率{rng.randint(80, 99)}.{rng.randint(0, 9)}%。")

MORE_NEGATIVES = [
    "联络站每月15日接待选民，电话预约0917-8212345。",
    "请于2025年3月31日前将办理情况书面报县人大常委会。",
    "共走访群众1,326人次，收集意见建议87条。",
    "县财政安排专项资金2,800万元用于农村公路建设。",
    "第3、5、7号建议已办结，第2号建议正在办理。",
    "全县共有人大代表联络站23个、代表之家5个。",
    "本次调研覆盖12个镇、156个村（社区）。",
    "办理时限为3个月，特殊情况可延长1个月。",
    "接待日为每月第1、3周的周四上午。",
    "合同编号HT-2025-0312，已归档。",
    "批复文号：示发改〔2025〕118号。",
    "项目编码2025-610000-48-01-012345已登记。",
    "统一社会信用代码见营业执照。",
    "本站二维码见附件，扫码即可留言。",
    "新建5G基站32座，行政村光纤通达率100%。",
    "新华社区代表工作室位于社区党群服务中心二楼。",
    "年龄在18-60周岁之间的居民可以报名。",
    "参会人员：县人大常委会副主任、各镇人大主席。",
    "代表小组组长主持召开座谈会。",
    "联系人：县人大常委会办公室。",
    "受理电话：0917-8299000（工作日）。",
    "1号楼至12号楼的外墙保温改造已完成。",
    "3号楼2单元楼道灯已更换。",
    "张某反映的问题已转交县住建局办理。",
    "王某某的诉求已答复，当事人表示理解。",
    "李**来电咨询养老保险缴费标准。",
    "来电人（电话138****5678）对答复满意。",
    "有群众反映某小区某栋楼顶漏水。",
    "镇政府组织力量对危房进行了排查。",
    "调研组一行实地察看了县人民医院新院区建设。",
    "座谈会在县人大常委会三楼会议室召开。",
    "选民可通过12345热线或代表联络站反映意见。",
    "受理编号2025031200123，请妥善保存。",
    "工单号：GD20250312001。",
    "测评满意率为96.8%，基本满意率2.1%。",
    "客流高峰期为7:00-9:00和17:00-19:00。",
    "全长3.6公里，宽6.5米，投资860万元。",
    "本周一至周五8:30-12:00、14:30-17:30办公。",
    "第十八届人大第五次会议于2025年3月召开。",
    "详见附件1-3。",
    "第2-3页有图表说明。",
    "比例为1:2:3。",
    "电话会议于2025.03.07举行。",
    "电话回访20件，满意18件。",
    "代表建议第0012号已办复。",
]
for t in MORE_NEGATIVES:
    neg(t)

# Written after the detectors, to check them on forms they were not tuned on
# (two of these, `#` and spaced `@`, were then taught).
HELD_OUT_POSITIVES = [
    ('mobile', '他的电话：壹叁捌 壹贰叁肆 伍陆柒捌'),
    ('mobile', '联系 138 ‑ 1234 ‑ 5678'),
    ('mobile', '手机号一 三 八 一 二 三 四 五 六 七 八'),
    ('mobile', 'tel:+86.138.1234.5678'),
    ('mobile', '号码（138）1234-5678'),
    ('mobile', '1３8１2３4５6７8'),
    ('mobile', '电话<br>138<br>1234<br>5678'),
    ('mobile', '电话 `138` `1234` `5678`'),
    ('mobile', '| 电话 | 138 | 1234 | 5678 |\n|---|---|---|---|'),
    ('id-number', '身份证 610102 1990 0307 123X'),
    ('email', '邮箱 zhangsan＠163．com'),
    ('email', '邮箱：zhangsan#163.com'),
    ('email', '邮箱 zhangsan @ 163 . com'),
    ('address', '家住7号楼3单元602'),
    ('address', '住在2栋1单元1301室'),
    ('name', '李 阿 姨 反映'),
    ('address', '王同志家住3-1-402'),
    ('name', '赵桂兰老奶奶独居'),
    ('name', '刘某某之女刘小红今年12岁'),
    ('name', '孙子陈小宝在县一小读书'),
    ('im-id', '微信号：ab_cd1234'),
    ('im-id', 'QQ：1２3４5６7８9'),
    ('mobile', '来电13８12３45６78'),
    ('landline', '电话：(0917)8765432'),
    ('landline', '电话 029\n88886666'),
    ('bank-card', '卡号 6222 0212 3456 7890 128'),
    ('mobile', '手机＋８６ １３８ １２３４ ５６７８'),
    ('mobile', '电话 1 3 8 - 1 2 3 4 - 5 6 7 8'),
    ('mobile', '&#x31;&#x33;&#x38;12345678'),
    ('mobile', '138<!--x-->1234<!--y-->5678'),
]
HELD_OUT_NEGATIVES = [
    '2025年3月7日，县人大常委会召开第12次主任会议。',
    '电话会议时间为2025/03/07 14:30。',
    '累计完成投资1.38亿元，占年度计划的123.4%。',
    '受理编号：20250307-0012。',
    '全县13个镇、186个村全部覆盖。',
    '县人民医院（人民路128号）开通夜间门诊。',
    '县政府大楼（府前街1号）三楼会议室。',
    '代表王军在会上发言。',
    '张某某反映的问题已办结。',
    '12345政务服务便民热线7×24小时受理。',
    '第1-3季度办结率98.5%。',
    '3-5天内完成。',
    '面积约138.5平方米。',
    '检测点位坐标：108.9402, 34.3416。',
    '2024年度共接待群众1,380人次。',
    '保安师傅们辛苦了。',
    '老人家住得远，代表上门走访。',
    '请关注“示例县人大”微信公众号。',
    '会议通知见示人大发〔2025〕3号。',
    '第138号建议已办复。',
]
for kind, text in HELD_OUT_POSITIVES:
    pos(kind, text)
for text in HELD_OUT_NEGATIVES:
    neg(text)

print("# Disguised personal data (issue #15) and legitimate look-alikes. Written by")
print("# make_disguises.py (do not edit by hand); format: README.md. Escapes in the text:")
print("# \\n a line break, \\t a tab, \\\\ a backslash.")
print("expected\ttext")
for w in ["@number\t0917-8299000", "@number\t0917-8212345", "@number\t0917-8210000", "@number\t0917-8221000",
          "@word\tlixiuying@example.gov.cn", "@word\tzhaomin@example.gov.cn",
          "@address\t广州市越秀区沿江西路151号"]:
    print(w)
for p in ["李秀英", "王军", "陈浩", "赵敏", "孙明德", "周桂英"]:
    print(f"@person\t{p}")
for kind, text in positives + negatives:
    print(f"{kind}\t{esc(text)}")
