//! Word lists for the name detector: common surnames, honorifics and
//! kinship terms, the role words that introduce a private person
//! (来访人, 村民 …), the words that may end a name, and the block lists of
//! ordinary words that merely start with a surname character (高度, 马上,
//! 保安 …). Data only; the logic lives in `names.rs`.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::text::{CharSet, Lexicon};

/// About 400 common single-character surnames. Characters that are far
/// more often ordinary words than surnames (和, 向, 海, 南, 国, 门, 卫, 车 …)
/// are left out on purpose: a name with one of them is missed rather than
/// every 上海大妈 or 门卫师傅 flagged.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程\
苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾\
毛郝龚邵万钱严覃武戴莫孔汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦\
俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房\
滕屈饶解牟艾尤时穆农司卓古吉缪简项芦麦褚娄窦戚岑景党宫费卜冷晏席米柏宗瞿桂全佟应臧闵苟邬\
边卞姬仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝谈匡鞠惠荆乐冀郁胥班储栗燕楚鄢劳谌\
奚皮粟冼蔺盘满闻厉伊仝郜阚帅屠朴廉禹漆狄晁芮阙邸雍辜裘亓邰赫杭逯隆茹诸慕危嵇湛戎勾茅於揭\
尉冶束檀展昝尧习翦蹇靖雒韶巢禄訾萧酆贝贲荀羿汲邴糜弓隗宓郗仰钭籍赖咸莘逄璩濮郏宦庾暨殳夔\
厍乜蒯竺桓钮洪毋丘仉督佴谯笪盍綦仵禚瓮郇逢粘庹邛侍缑菅鄞蓟郦俎伞沐蓬姒骞";

/// Compound surnames (复姓), checked before single ones.
const COMPOUND: &str = "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 长孙 宇文 司徒 夏侯 轩辕 端木 独孤 南宫 西门 \
百里 呼延 东郭 闻人 澹台 公冶 申屠 钟离 宗政 濮阳 淳于 单于 万俟 闾丘 司空 拓跋";

/// Honorifics and kinship terms that follow a surname: 张大爷, 李女士.
const HONORIFICS: &str = "大爷 大妈 大娘 大婶 大叔 大伯 大哥 大姐 大嫂 大姨 阿姨 阿婆 阿伯 阿公 叔叔 伯伯 伯父 伯母 婶婶 \
婶子 嫂子 奶奶 爷爷 婆婆 姥姥 姥爷 老汉 老太 老太太 老太婆 老伯 老爷子 老爷爷 老奶奶 老大爷 \
老大娘 老先生 老婆婆 师傅 女士 先生 小姐 同志 老师 医生 大夫 老板 老板娘 姑娘 小伙 小伙子 \
大娘子 老人";

/// Honorifics after which a full name (黄建国先生) is also looked for.
pub(crate) const FULL_NAME_HONORIFICS: &[&str] = &["先生", "女士", "同志", "老人"];

/// Words before 同志 or 老人 that are not a given name (负责同志, 独居老人).
pub(crate) const NOT_GIVEN: &[&str] = &[
    "领导", "负责", "工作", "人员", "干部", "同事", "青年", "基层", "党员", "老年", "孤寡", "独居",
    "空巢", "留守", "困难", "贫困", "高龄", "失能", "残疾", "退休", "分管", "主管", "年轻", "女性",
    "男性", "专职", "兼职", "驻村", "联系", "有关", "相关", "失独", "五保", "特困", "低保", "百岁",
    "长寿", "老年", "农村", "城市", "社区", "小区", "村里",
];

/// Public figures named in official prose (以习近平同志为核心): never a
/// private person, whatever honorific follows.
pub(crate) const PUBLIC_FIGURES: &[&str] = &[
    "习近平",
    "毛泽东",
    "周恩来",
    "刘少奇",
    "朱德",
    "邓小平",
    "陈云",
    "江泽民",
    "胡锦涛",
    "李强",
    "赵乐际",
    "王沪宁",
    "蔡奇",
    "丁薛祥",
    "李希",
    "李克强",
    "温家宝",
    "雷锋",
    "焦裕禄",
    "孔繁森",
    "杨善洲",
    "廖俊波",
    "黄文秀",
    "张桂梅",
    "钟南山",
];

/// Relation words that introduce a resident's relative (之子杨小明); a
/// name after them is a private person's, a minor's as often as not.
const RELATIONS: &str = "之子 之女 之妻 之夫 之父 之母 之孙 之孙女 之兄 之弟 之姐 之妹 之媳";

/// Kinship nouns: a name after them counts when the relation is someone's
/// (其儿子, 他的女儿, 张某之女, 张某某儿子) or the name is introduced (儿子叫).
const KIN: &str = "儿子 女儿 妻子 丈夫 老伴 母亲 父亲 孙子 孙女 儿媳 女婿 外孙 外孙女 孩子 小孩 \
侄子 侄女 外甥 外甥女 哥哥 弟弟 姐姐 妹妹 养子 养女 继子 继女";

/// Role words almost always followed by the person's name when one follows.
const STRONG_ROLES: &str = "来访人 来访者 来访群众 反映人 申请人 被申请人 当事人 投诉人 被投诉人 举报人 被举报人 求助人 \
求助者 信访人 上访人 户主 联系人 监护人 委托人 受害人 报案人 报警人 承租人 出租人 承包人 房主 \
车主 借款人 收款人 来电人 来信人 致电人 建议人 投诉者 举报者 受访者 受访人 反映者 来访对象 \
救助对象 帮扶对象 走访对象 慰问对象";

/// Role words that are often just nouns (居民出行不便): a name after them
/// counts only with a separator (`村民：王强`) or a word that ends a name
/// (`村民王强反映`).
const WEAK_ROLES: &str = "村民 居民 群众 市民 业主 住户 农户 租户 商户 个体户 患者 病人 家属 低保户 五保户 特困户 贫困户 \
脱贫户 困难户 残疾人 留守老人 留守儿童 孤寡老人 空巢老人 独居老人 失独老人 老人 老年人 老党员 \
党员 退役军人 退伍军人 老兵 职工 退休职工 退休教师 退休干部 学生 家长 选民 网友 摊主 店主 \
养殖户 种植户 承包户 农民工 务工人员 环卫工人 工人 志愿者 村医 烈属 军属 司机 驾驶员 员工 \
快递员 外卖员 保洁员 儿子 女儿 妻子 丈夫 老伴 母亲 父亲 孙子 孙女 儿媳 女婿 邻居 住户代表 老乡 \
大学生 孤儿 村民代表 群众代表 居民代表";

/// Words (or first characters) that may follow a name and so mark its end:
/// verbs of reporting, 家, age phrases, conjunctions.
const NAME_END_WORDS: &str = "反映 反应 表示 说 称 讲 提出 提到 来访 来电 来信 致电 诉称 介绍 告诉 希望 要求 请求 询问 咨询 \
建议 认为 担心 感谢 送来 打来 找到 来到 前来 多次 家 一家 夫妇 两口 老两口 今年 现年 年过 年近 \
年逾 年满 等 的 也 还 因 在 于 已 曾 向 对 和 与 及 同 将 想 就 是 患 身患 独自 所 一人 夫妻 母子 \
父子 老人 同志 代表 写 递交 拨打 通过 自 家住 住";

/// Characters that are not taken as part of a given name (function words,
/// numerals, places, measure words); they end the name before them.
const GIVEN_STOP: &str = "的了着过在是和与及或对向等们都也还就又再已曾将把被给让从到于为以因由所其\
这那此该各每某个名位户人家说称表反提来去要想会可请问找叫多少几无没不很最更太非上下前后里内外\
中间边旁处门口年月日时号元米村镇县市省区路街楼室组队代群地得之吗呢吧啊您你我他她它咱自己本并但\
而且虽然如若即便则却只仅均皆共总全部些点次种项件条块分第一二三四五六七八九十百千万亿两零〇女男\
士生爷奶妈姨叔伯婶嫂哥姐弟妹夫妻儿孙们线员委会党办局厅科所站社院校医店厂司公业农工商街道";

/// Ordinary words made of a surname character and what follows it; a name
/// candidate that starts with one of these is not a name (村民高度评价).
const BLOCK_WORDS: &str = "林长 路长 成长 司长 苗圃 甘蔗 安享 丁字 丁点 丁香 万一 万亩 万元 万分 万家 万户 丛书 丛林 严寒 严格 严禁 严肃 严重 严防 乐于 乐器 \
乐园 乐意 乐观 乔木 乔迁 习俗 习惯 于是 仇恨 付出 付款 付清 付费 仲裁 任何 任凭 任务 任意 任职 \
伊始 伊斯 伍佰 何况 何地 何处 何必 何时 何种 余下 余粮 余额 侯车 储备 储物 储蓄 党员 党委 党建 \
党支 党政 党组 党风 全乡 全体 全力 全区 全县 全国 全家 全市 全年 全村 全民 全省 全社 全程 全过 \
全部 全都 全镇 全面 全额 兰州 兰花 关于 关切 关口 关心 关怀 关注 关爱 关系 关键 关门 关闭 冉冉 \
农业 农机 农村 农民 农田 农资 冯家 冶炼 冷冻 冷库 冷水 冷清 凌乱 凌晨 凌空 刁难 劳务 劳动 劳模 \
劳累 勾结 包保 包子 包扶 包括 包联 包袱 包装 包车 华为 华丽 华侨 华北 卓越 单亲 单位 单元 单独 \
单身 卜卦 卢沟 危及 危房 危险 厉害 古井 古代 古建 古村 古树 古老 史上 史料 史诗 叶子 叶片 司机 \
司法 吉他 吉利 吉祥 吕剧 周一 周三 周二 周五 周全 周六 周到 周四 周围 周岁 周年 周日 周期 周末 \
周转 周边 唐代 唐突 商业 商品 商店 商户 商量 商铺 夏令 夏天 夏季 夏收 夏粮 奚落 姜丝 姜汤 孙女 \
孙子 孟春 季度 季节 季风 宁可 宁夏 宁愿 宁静 安全 安宁 安居 安心 安排 安稳 安置 安装 安静 宋代 \
宋体 宗教 宗族 宗旨 宫殿 尚且 尚书 尚可 尚有 尚未 尤其 尧舜 屈指 屈服 展开 展示 展览 屠夫 屠宰 \
岳母 岳父 岳阳 左侧 左右 左边 巩义 巩固 帅气 席位 席卷 席子 常住 常务 常委 常常 常年 常态 常用 \
常见 常规 庄园 庄稼 庄重 应对 应届 应当 应急 应有 应用 应该 应邀 庞大 庞杂 康乐 康健 康养 康复 \
廉政 廉洁 张家 惠农 惠及 惠民 慕名 成为 成交 成功 成员 成家 成年 成效 成本 成果 成片 成立 成绩 \
成都 戚属 戴上 戴帽 房东 房产 房价 房前 房后 房子 房屋 房源 房租 房间 揭牌 揭示 文书 文件 文体 \
文化 文字 文旅 文明 文物 文章 文艺 方便 方可 方向 方圆 方式 方才 方案 方法 方能 方面 施工 施策 \
施肥 时代 时候 时光 时刻 时常 时时 时期 时段 时节 时间 易于 易地 易懂 景区 景点 景色 景观 曲折 \
曲线 曲艺 曹操 曾经 朱红 朴素 李子 杜绝 束缚 杨柳 杨树 杭州 林业 林区 林地 林场 林木 柏树 柏油 \
查处 查找 查看 查询 柳树 柳絮 柴油 柴火 栗子 桂圆 桂花 桑拿 桑树 桑葚 梁上 梁柱 梅子 梅花 梅雨 \
楚国 楚楚 欧洲 武器 武术 武汉 武装 段时 段落 殷切 殷实 毕业 毕竟 毛坯 毛巾 毛病 毛笔 毛衣 江北 \
江南 江山 江河 江苏 江西 江边 池塘 池子 汤圆 汤水 汪洋 沙发 沙子 沙漠 沙石 洪水 洪涝 涂抹 涂料 \
温和 温室 温度 温暖 温饱 温馨 游客 游戏 游泳 游玩 游览 湛蓝 满分 满意 满是 满足 满载 漆黑 焦作 \
焦点 焦虑 熊孩 熊熊 熊猫 燕子 燕麦 牛奶 牛棚 牛羊 牛肉 牟利 王府 班子 班级 班车 班长 甄别 甘甜 \
甘肃 甘露 田园 田地 田埂 田野 田间 申办 申城 申报 申明 申诉 申请 申领 白天 白色 白菜 白鹭 皮肤 \
皮革 盘子 盘活 盘点 盛产 盛夏 盛情 盛行 石头 石子 石家 石料 石材 石板 石桥 石油 石碑 祝愿 祝福 \
祝贺 秦岭 秦腔 程序 程度 程控 穆斯 章法 章程 章节 童年 童装 童话 符号 符合 简便 简化 简单 简易 \
管护 管控 管理 管网 管辖 管道 米粉 米面 米饭 纪律 罗列 罗马 耿直 肖像 胡乱 胡同 舒展 舒心 舒服 \
舒适 艾滋 艾草 芦苇 苏打 苏联 苏醒 苗头 苗族 苗木 苟且 范例 范围 茅屋 茅草 荆棘 荣幸 荣获 荣誉 \
莫名 莫非 蒙上 蒙受 蒲公 蒲扇 蓝图 蓝天 蓝色 解决 解放 解答 解读 解释 解除 许可 许多 许诺 诸多 \
诸如 谈判 谈心 谈论 谈话 谢谢 谷子 谷底 谷物 费心 费用 贺年 贺词 赫然 路人 路况 路口 路基 路径 \
路段 路灯 路线 路网 路边 路过 路途 路面 辛勤 辛苦 辛酸 辜负 边界 边缘 边防 迟到 迟缓 迟迟 邵阳 \
郁郁 郁闷 郎中 郑重 金属 金牌 金秋 金融 金钱 金额 金黄 钟声 钟头 钟楼 钟点 钟表 钱包 钱款 钱财 \
闻讯 陆军 陆地 陆续 陆路 陈列 陈旧 陈述 陶冶 陶瓷 隆重 隋朝 雷电 雷锋 雷雨 霍乱 霍然 鞠躬 韩国 \
项下 项目 项链 顾全 顾客 顾虑 顾问 颜值 颜料 颜色 饶恕 马上 马虎 马路 马铃 骆驼 高中 高于 高价 \
高低 高兴 高压 高层 高山 高峰 高度 高效 高新 高标 高楼 高温 高空 高级 高考 高质 高达 高速 高铁 \
高频 高额 高龄 魏晋 鲁班 鲁莽 鲁菜 鲍鱼 麦子 麦收 麦田 麦穗 麻将 麻烦 黄昏 黄河 黄牛 黄色 黄豆 \
黄金 黎族 黎明 齐全 齐备 齐心 齐鲁 龙头 龙眼 龙虾";

/// Two-character words ending in a surname character that come before an
/// honorific without being a name (保安师傅, 上海大妈, 公司大爷), and words
/// a surname character makes with an honorific's first one (原先生产).
const BLOCK_BEFORE: &str = "保安 公安 治安 平安 西安 延安 长安 淮安 泰安 六安 吉安 雅安 江苏 浙江 镇江 九江 内江 湛江 龙江 \
吴江 辽宁 南宁 西宁 济宁 海宁 普宁 吉林 桂林 园林 森林 树林 山林 竹林 沈阳 贵阳 洛阳 南阳 安阳 \
咸阳 衡阳 岳阳 邵阳 信阳 朝阳 成都 首都 武汉 好汉 宿管 主管 保管 监管 城管 高管 厨房 病房 机房 \
住房 药房 门房 主任 语文 音乐 历史 宁夏 华夏 有关 相关 机关 海关 开关 公关 攻关 把关 包管 托管 \
中华 京华 少年 青年 中年 老年 家长 村长 社长 大方 地方 对方 双方 各方 北方 南方 东方 西方 警方 \
官方 医疗 快递 外卖 维修 装修 修车 开车 租车 海南 河南 湖南 云南 江南 济南 指南 上海 青海 沿海 \
渤海 东海 南海 北海 大庆 重庆 长春 昆明 文明 光明 清明 聪明 黎明 说明 证明 表明 高明 大连 太原 \
平原 高原 中原 草原 福建 兰州 全国 法国 英国 美国 德国 韩国 泰国 中国 祖国 爱国 村里 城里 乡里 \
家里 院里 巷里 市里 县里 一位 两位 几位 各位 这位 那位 某位 诸位 这名 一名 大学 同学 中学 小学 \
幼儿 物业 环卫 门卫 保卫 后卫 社区 小区 街道 热心 好心 爱心 善心 老实 朴实 诚实 踏实 厚道 热情 \
能干 勤劳 精干 外地 本地 当地 邻村 同村 全村 本村 外村 邻家 隔壁 对门 楼上 楼下 附近 周边 保洁 \
食堂 宿舍 工地 电工 焊工 木工 瓦工 钳工 车工 电焊 水电 水暖 燃气 供暖 供电 供水 电力 电信 移动 \
联通 银行 邮政 税务 交警 民警 辅警 消防 急救 护理 教学 数学 化学 科学 体育 美术 英语 外语 政治 \
地理 生物 物理 信息 心理 国学 书法 舞蹈 声乐 器乐 钢琴 思政 班主 主治 主刀 管床 值班 责任 签约 \
家庭 乡村 全科 专科 中医 西医 牙科 眼科 儿科 外科 内科 妇科 骨科 卫生 疾控 党群 政务 便民 为民 \
利民 惠民 亲民 爱民 安民 公仆 同仁 同事 同行 同乡 老乡 原先 优先 祖先 首先 事先 预先 率先 领先 \
抢先 早先 起先 争先 当先 占先 有时 及时 按时 同时 当时 平时 随时 临时 准时 定时 暂时 届时 那时 \
此时 这时 彼时 何时 适时 实时 全时 工时 课时 小时 公司";

fn words(s: &'static str) -> impl Iterator<Item = &'static str> {
    s.split_whitespace()
}

pub(crate) static COMPOUND_SURNAMES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words(COMPOUND).collect());
pub(crate) static SURNAME_SET: LazyLock<CharSet> = LazyLock::new(|| CharSet::new(SURNAMES.chars()));
pub(crate) static GIVEN_STOP_SET: LazyLock<CharSet> =
    LazyLock::new(|| CharSet::new(GIVEN_STOP.chars()));
pub(crate) static HONORIFIC_LEX: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::new(words(HONORIFICS)));
pub(crate) static STRONG_ROLE_LEX: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::new(words(STRONG_ROLES)));
pub(crate) static WEAK_ROLE_LEX: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::new(words(WEAK_ROLES).chain(words(KIN))));
pub(crate) static KIN_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| words(KIN).collect());
pub(crate) static RELATION_LEX: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::new(words(RELATIONS)));
pub(crate) static END_LEX: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::new(words(NAME_END_WORDS)));
pub(crate) static BLOCK_WORD_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| words(BLOCK_WORDS).collect());
pub(crate) static BLOCK_BEFORE_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| words(BLOCK_BEFORE).collect());

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sane() {
        let n = SURNAMES.chars().count();
        assert!(n >= 380, "only {n} surnames");
        assert!(SURNAME_SET.contains('王') && !SURNAME_SET.contains('和'));
        assert!(HONORIFIC_LEX.contains("大爷"));
        for w in words(BLOCK_BEFORE) {
            assert_eq!(w.chars().count(), 2, "{w}");
        }
        for w in words(BLOCK_WORDS) {
            assert!(w.chars().count() >= 2, "{w}");
            let first = w.chars().next().unwrap_or(' ');
            assert!(
                SURNAME_SET.contains(first),
                "{w} does not start with a surname"
            );
        }
        for c in COMPOUND_SURNAMES.iter() {
            assert_eq!(c.chars().count(), 2, "{c}");
        }
    }
}
