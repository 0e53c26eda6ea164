import type { Candidate, PiiType } from "../types";

// Personal data written in scripts other than Latin: Chinese and Japanese (Han, kana), Korean
// (Hangul), Russian (Cyrillic), Hindi (Devanagari) and Arabic. There are no capitals to find names
// by and no spaces between CJK words, so this layer goes by the way such data appears in prompts:
// labelled form fields ("氏名 …", "생년월일 …", "ФИО: …"), honorifics ("…さん", "…老师", "… 씨"),
// birth wording around a date, and the fixed shapes of each country's addresses.

// Any character of the scripts below: texts without one skip the layer at the cost of one scan.
const SCRIPT_PRE = /[\u0400-\u04ff\u0600-\u06ff\u0900-\u097f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

const HAN = "\\u3005\\u3400-\\u9fff"; // 々 and the unified ideographs
const KATA = "\\u30a0-\\u30ff"; // katakana, with ・ and ー
const HANGUL = "\\uac00-\\ud7af";
const DEVA = "\\u0900-\\u0963\\u0971-\\u097f"; // letters and signs, not the danda or digits
const ARAB = "\\u0621-\\u065f\\u066e-\\u06d3\\u06d5"; // letters and vowel marks, not the Arabic comma

// Common Chinese surnames (one or two characters). Characters that are mostly function words
// ("和", "于", "向", "从", "把") are left out: a name is taken only when it starts with one of these.
const CN_SURNAMES_2 = [
  "欧阳",
  "司马",
  "诸葛",
  "上官",
  "东方",
  "皇甫",
  "尉迟",
  "公孙",
  "慕容",
  "令狐",
  "司徒",
  "夏侯",
  "轩辕",
  "端木",
  "长孙",
  "宇文",
  "澹台",
  "独孤",
];
const CN_SURNAMES_1 = new Set(
  (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方邹熊白孟秦邱侯江尹薛闫段雷黎史龙陶贺顾毛郝龚邵万钱严覃武戴莫孔汤温康施牛樊葛邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申耿关兰焦俞左柳甘祝尚舒阮柯纪梅童凌毕季裴霍涂苗谷盛曲翁冉骆蓝辛靳欧柴蒙鲍华喻祁蒲房滕屈饶牟艾尤阳穆司卓缪简连芦麦褚娄窦戚岑卜晏柏宗瞿桂佟臧闵苟邬边卞姬仇栾隋刁沙荣巫寇桑郎甄丛仲虞敖巩佘池苑迟邝" +
    "張陳楊黃趙吳劉鄭謝韓馮鄧蕭葉蘇呂盧鍾譚陸範賈韋鄒龍陶賀顧龔萬錢嚴湯樊齊喬龐顏聶魯詹蔣溫鐘"
  ).split(""),
);
const KO_SURNAMES = new Set(
  "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용".split(
    "",
  ),
);

// Role words that come before a Japanese or Chinese honorific without being a name: "お客さん",
// "患者さん", "店員さん", "数学老师".
const JA_ROLE =
  /(?:客|者|員|長|師|士|官|手|屋|先生|大家|奥|娘|息子|皆|母|父|兄|姉|弟|妹|家族|子供|友達|彼女|彼氏|旦那|新人|上司|同僚|監督|博士|教授|学生|生徒|住人|隣人|管理人|警察|作家|職人|苦労|馳走|世話|互い|神|仏|殿|王|ママ|パパ|ワン|ネコ|ニャン|スタッフ|ゲスト|ユーザー|オーナー|メンバー|ファン|クライアント|ドライバー|バイト|パート|シェフ|コーチ|マネージャー|ドクター|ナース|ペット)$/;
// "多種多様", "仕様", "同様": 様 that ends a compound word, not an honorific.
const JA_SAMA_COMPOUND = /[多同仕模異一各左右今紋文態]$/;

type Found = Candidate & { type: PiiType };

let lastText: string | undefined;
let lastFound: Found[] = [];

/** All personal data of the non-Latin scripts in `text`, found once and shared by the layers below. */
function scan(text: string): Found[] {
  if (text === lastText) return lastFound;
  const out: Found[] = [];
  if (SCRIPT_PRE.test(text)) {
    const cjk = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/.test(text);
    if (cjk) {
      findCjkDates(text, out);
      findCjkFields(text, out);
      findCjkAddresses(text, out);
      findCjkNames(text, out);
    }
    if (/[\u0400-\u04ff]/.test(text)) findRussian(text, out);
    if (/[\u0900-\u097f]/.test(text)) findHindi(text, out);
    if (/[\u0600-\u06ff]/.test(text)) findArabic(text, out);
  }
  lastText = text;
  lastFound = out;
  return out;
}

// Copies: the caller may change a candidate it is given (the redactor shifts a segment's in place),
// and the scan's are kept for the next layer.
// (Most texts have none: they get an empty array without a filter and a map.)
const ofType =
  (type: PiiType) =>
  (text: string): Candidate[] => {
    const found = scan(text);
    return found.length === 0 ? [] : found.filter((c) => c.type === type).map((c) => ({ ...c }));
  };
export const findNonLatinPersons = ofType("PERSON");
export const findNonLatinDatesOfBirth = ofType("DATE_OF_BIRTH");
export const findNonLatinAddresses = ofType("STREET_ADDRESS");

const overlaps = (out: Found[], start: number, end: number, type?: PiiType) =>
  out.some((c) => (!type || c.type === type) && c.start < end && start < c.end);

function add(out: Found[], type: PiiType, start: number, end: number, confidence: number): void {
  if (end > start && !overlaps(out, start, end, type)) out.push({ type, start, end, confidence });
}

// ---------------------------------------------------------------------------------------------
// Dates of birth

// 1987年3月15日 · 平成8年4月3日 (Japanese eras) · 1998년 11월 2일 · 1998.11.02 · 2/11/1998
const CJK_DATE = new RegExp(
  [
    "(?:(?:明治|大正|昭和|平成|令和)\\s?(?:\\d{1,2}|元)|(?:19|20)\\d\\d)\\s?年\\s?\\d{1,2}\\s?月\\s?\\d{1,2}\\s?日",
    "(?:19|20)\\d\\d\\s?년\\s?\\d{1,2}\\s?월\\s?\\d{1,2}\\s?일",
    "(?<!\\d)(?:19|20)\\d\\d[./-]\\d{1,2}[./-]\\d{1,2}(?!\\d)\\.?",
    "(?<!\\d)\\d{1,2}[./-]\\d{1,2}[./-](?:19|20)\\d\\d(?!\\d)",
  ].join("|"),
  "g",
);
// Birth wording before the date (a label or "born"), and after it ("…出生", "…生まれ", "…생").
const CJK_BIRTH_BEFORE = /(?:生年月日|出生日期|出生年月日?|出生|生日|誕生日|生まれ|생년월일|출생일?|생일|태어났)[^。．！？\n]{0,12}$/;
const CJK_BIRTH_AFTER = /^\s?(?:出生|生まれ|生|に生まれ|出世|생|에 태어)/;

function findCjkDates(text: string, out: Found[]): void {
  if (!/[年년]|\d[./-]\d/.test(text)) return;
  for (const m of text.matchAll(CJK_DATE)) {
    const start = m.index,
      end = start + m[0].length;
    const before = text.slice(Math.max(0, start - 20), start);
    if (CJK_BIRTH_BEFORE.test(before) || CJK_BIRTH_AFTER.test(text.slice(end, end + 6))) add(out, "DATE_OF_BIRTH", start, end, 0.9);
  }
}

// ---------------------------------------------------------------------------------------------
// Labelled fields: "氏名 森本 美咲 / 生年月日 … / 現住所 … / 電話 …", "이름: …", "姓名：…".

// A label glued to the next Han character is a compound ("名前変更", "氏名欄"), not a field: labels
// need a space, a colon or a topic particle after them; the verbs ("我叫", "私の名前は") do not.
const NAME_LABEL =
  /(?:(?:氏名|お名前|名前|姓名|名字|이름|성명)(?:[\s:：]+|[\s:：]*[は是은는][\s:：]*)|(?:我叫|我的名字是|私の名前は|僕の名前は|제 이름은|저는)[\s:：]*)/g;
const ADDRESS_LABEL = /(?:現住所|住所|所在地|住址|地址|现住址|现住|现居住?|居住地|家住|住在|寄到|送到|주소|거주지|사는 곳)[\s:：은는]*/g;

const NEXT_LABEL =
  /^(?:電話|电话|手机|手機|携帯|連絡先|联系|氏名|姓名|名前|生年月日|出生|メール|邮箱|이메일|전화|연락처|휴대폰|이름|성명|생년월일|TEL|Tel|FAX|Fax)/;
// A name after a label: Han (a family and a given name, perhaps with a space), katakana, or Hangul.
const CJK_NAME_VALUE = new RegExp(
  `^(?:[${HAN}]{1,4}(?:[ \\u3000](?!${NEXT_LABEL.source.slice(1)})[${HAN}]{1,3}(?![${HAN}]))?|[${KATA}]{2,12}(?:[ \\u3000・][${KATA}]{2,12})?|[${HANGUL}]{2,9}(?![${HANGUL}]))`,
);
// Korean endings glued to a name: the copula and case particles ("김민수입니다", "박서연이에요").
const KO_ENDING = /(?:이라고 합니다|라고 합니다|입니다|이에요|예요|이고요|이고|이며|이다|이라고|라고|님|씨|은|는|이|가|을|를|의|에게|께)$/;
// Common words that start with a Chinese surname character: "高中老师" (a high-school teacher),
// "谢谢先生", "明年，2025年…".
const CN_COMMON = new Set([
  "高中",
  "高考",
  "高级",
  "中学",
  "小学",
  "大学",
  "英语",
  "数学",
  "语文",
  "历史",
  "物理",
  "化学",
  "生物",
  "地理",
  "体育",
  "音乐",
  "美术",
  "钢琴",
  "汉语",
  "中文",
  "日语",
  "法语",
  "德语",
  "外语",
  "项目",
  "谢谢",
  "全年",
  "年轻",
  "明年",
  "明天",
  "明日",
  "周末",
  "周年",
  "方面",
  "江湖",
  "黄金",
  "金融",
  "安全",
  "和平",
  "文学",
  "史学",
  "陆军",
  "海军",
  "李子",
  "叶子",
  "石头",
  "白天",
  "夏天",
  "温度",
  "常用",
  "孔子",
  "孟子",
  "老子",
  "庄子",
  "包子",
  "车主",
  "房东",
  "管理",
  "华人",
  "成人",
  "程序",
  "舞蹈",
  "瑜伽",
  "代课",
  "实习",
  "班主任",
  "幼儿园",
]);

function findCjkFields(text: string, out: Found[]): void {
  for (const m of text.matchAll(NAME_LABEL)) {
    const start = m.index + m[0].length;
    const v = CJK_NAME_VALUE.exec(text.slice(start, start + 20));
    if (!v) continue;
    let value = v[0];
    if (/[\uac00-\ud7af]/.test(value)) {
      // "저는 김민수입니다": drop the copula; a Korean name has a surname and two or three syllables.
      value = value.replace(KO_ENDING, "");
      if (value.length < 2 || value.length > 4 || !KO_SURNAMES.has(value[0]!)) continue;
    } else if (/^[\u3400-\u9fff]+$/.test(value) && !/[\u3040-\u30ff]/.test(text)) {
      // Chinese (no kana in the text): the name starts with a surname ("姓名是什么" asks for one).
      if (chineseNameAtEnd(value, true) !== value.length || CN_COMMON.has(value)) continue;
    }
    if (value.length >= 2) add(out, "PERSON", start, start + value.length, 0.85);
  }
  for (const m of text.matchAll(ADDRESS_LABEL)) {
    const start = m.index + m[0].length;
    const end = cjkAddressEnd(text, start);
    if (end > start) add(out, "STREET_ADDRESS", start, end, 0.85);
  }
}

// Address units that close a CJK address: a number with 号/室/階/호/층, 丁目/番地, or a bare number.
const CJK_ADDRESS_CHAR = new RegExp(`[${HAN}${KATA}${HANGUL}0-9０-９〒\\-－−‐ー\\s,]`);

/** The end of a CJK address starting at `start`, or `start` when none (no number, no unit). */
function cjkAddressEnd(text: string, start: number): number {
  let end = start;
  const limit = Math.min(text.length, start + 70);
  while (end < limit && CJK_ADDRESS_CHAR.test(text[end]!)) {
    // " / " and newlines separate form fields; ", " goes on only to a unit or a numbered part ("14, 302호").
    if (text[end] === "\n" || (text[end] === " " && /^ [/|]/.test(text.slice(end, end + 2)))) break;
    if (text[end] === "," && !/^,\s?[\d０-９]/.test(text.slice(end, end + 3))) break;
    // The next field's label ends the address: "… 1203号室 電話 090-…", "… 123 연락처 010-…".
    if (/\s/.test(text[end]!) && NEXT_LABEL.test(text.slice(end + 1, end + 6))) break;
    end++;
  }
  let value = text.slice(start, end);
  // Trim to the last number or unit: "北京市朝阳区建国路88号附近的酒店" ends at 号.
  const last = /[\s\S]*(?:[0-9０-９]+(?:号室|號室|号|號|室|階|楼|樓|层|層|栋|棟|弄|번지|번길|호|층|동|F)?|丁目|番地|番)/.exec(value);
  if (!last) return start;
  value = last[0];
  // A number alone is no address: a unit word (市, 区, 路, 丁目, 로, 길 …) must come with it.
  if (!/[0-9０-９]/.test(value) || !/[都道府県市区町村郡丁番号弄路街巷道室階楼层栋省县시군구로길동읍면리호층]/.test(value)) return start;
  return start + value.length;
}

// ---------------------------------------------------------------------------------------------
// Addresses by shape, without a label.

// 〒530-0012 and what follows it; Chinese "…路1200弄5号1802室"; Korean "…구 …로27길 14, 302호".
const JA_POSTCODE = /〒\s?\d{3}-?\d{4}/g;
const CN_STREET = new RegExp(
  `[${HAN}]{1,12}?(?:路|街|大道|巷|胡同)\\d{1,5}(?:弄\\d{1,4})?[号號](?:楼|樓)?(?:\\d{1,4}(?:室|楼|樓|层|層))*`,
  "g",
);
const KO_STREET = new RegExp(
  `(?:[${HANGUL}]{2,}(?:특별시|광역시|특별자치시|특별자치도|도|시)\\s)?(?:[${HANGUL}]{1,6}(?:시|군|구)\\s){1,2}[${HANGUL}0-9]{1,10}(?:로|길)\\s?\\d{1,4}(?:-\\d{1,4})?(?:번길\\s?\\d{1,4})?(?:,?\\s?\\d{1,4}(?:동|호|층))*(?:\\s?\\d{1,4}호)?`,
  "g",
);
// Verbs and words that open a Chinese clause before an address: "现住上海市…", "寄到北京市…".
const CN_LEAD = /^(?:现住|现居|居住在|居住于|住在|住于|家住|住|寄到|送到|寄往|位于|地址是|地址为|地址|住址)/;

function findCjkAddresses(text: string, out: Found[]): void {
  if (text.includes("〒")) {
    for (const m of text.matchAll(JA_POSTCODE)) {
      const end = Math.max(m.index + m[0].length, cjkAddressEnd(text, m.index + m[0].length));
      add(out, "STREET_ADDRESS", m.index, end, 0.9);
    }
  }
  if (/[路街道巷同]\d/.test(text)) {
    for (const m of text.matchAll(CN_STREET)) {
      let start = m.index;
      // The run of Han characters before the street holds its city and district, and perhaps a verb.
      const lead = CN_LEAD.exec(m[0]);
      if (lead) start += lead[0].length;
      add(out, "STREET_ADDRESS", start, m.index + m[0].length, 0.85);
    }
  }
  if (/[로길]\s?\d/.test(text)) {
    for (const m of text.matchAll(KO_STREET)) add(out, "STREET_ADDRESS", m.index, m.index + m[0].length, 0.85);
  }
}

// ---------------------------------------------------------------------------------------------
// CJK names by honorific or by the personal data that follows them.

const JA_HONORIFIC = new RegExp(`([${HAN}]{2,5}|[${KATA}]{2,10})(?:さん|様|さま|くん|君|ちゃん|氏)`, "g");
const CN_HONORIFIC = new RegExp(`([${HAN}]{1,4})(?:老师|老師|先生|女士|小姐|同学|同學|教授|医生|醫生|阿姨|叔叔)`, "g");
// "김민수 씨에게", "박지훈님께": the honorific, then a particle or no Hangul at all.
const KO_HONORIFIC = new RegExp(
  `(?<![${HANGUL}])([${HANGUL}]{2,4}) ?(?:씨|님)(?=께서|께|에게|한테|의|은|는|이|가|을|를|과|와|도|[^${HANGUL}]|$)`,
  "g",
);
// "박서연, 생년월일 …", "欧阳晓婷，1987年…": a short name that opens a clause of personal data.
const CLAUSE_NAME = new RegExp(
  `(?<=^|[\\s"“「『(（:：。．!！?？])([${HAN}]{2,4}|[${HANGUL}]{2,4})\\s?[,，、]\\s?(?=(?:19|20)\\d\\d\\s?[年년./-]\\s?\\d|(?:明治|大正|昭和|平成|令和)|생년월일|연락처|주소|전화|나이|\\d{1,3}세|生年月日|出生|生日|电话|電話|手机|手機|住址|地址|现住|住所|年龄|\\d{1,3}岁|\\d{1,3}歳)`,
  "gm",
);

/** A Chinese name at the end of a run of Han characters: a surname then one or two characters, or the surname alone. */
function chineseNameAtEnd(run: string, aloneOk: boolean): number {
  for (const len of [4, 3, 2]) {
    if (run.length < len) continue;
    const cand = run.slice(run.length - len);
    if (CN_SURNAMES_2.some((s) => cand.startsWith(s)) && len >= 3) return len;
    if (len <= 3 && CN_SURNAMES_1.has(cand[0]!) && !CN_COMMON.has(cand) && !CN_COMMON.has(cand.slice(0, 2))) return len;
  }
  // A surname alone ("李老师"): at the start of the run, or after a particle ("给李老师", "的王先生").
  const last = run[run.length - 1]!;
  if (!CN_SURNAMES_1.has(last)) return 0;
  return (run.length === 1 && aloneOk) || (run.length > 1 && /[的给和跟找问是位请向对把让]/.test(run[run.length - 2]!)) ? 1 : 0;
}

function findCjkNames(text: string, out: Found[]): void {
  if (/[\u3040-\u30ff]/.test(text)) {
    for (const m of text.matchAll(JA_HONORIFIC)) {
      const name = m[1]!;
      // Preceded by another character of the same kind, the run is not cut at the name's start.
      const prev = text[m.index - 1] ?? "";
      if (JA_ROLE.test(name) || /^[々\u3400-\u9fff]$/.test(prev)) continue;
      const honorific = m[0].slice(name.length);
      if (honorific === "様" && (JA_SAMA_COMPOUND.test(name) || /^[\u3400-\u9fff]/.test(text.slice(m.index + m[0].length)))) continue;
      add(out, "PERSON", m.index, m.index + name.length, 0.8);
    }
  }
  if (/[老師先女小同教医醫阿叔]/.test(text)) {
    for (const m of text.matchAll(CN_HONORIFIC)) {
      const run = m[1]!;
      const prev = text[m.index - 1] ?? "";
      const n = chineseNameAtEnd(run, !/[\u3400-\u9fff]/.test(prev));
      if (n === 0) continue;
      const start = m.index + run.length - n;
      add(out, "PERSON", start, start + n, 0.8);
    }
  }
  if (/[씨님]/.test(text)) {
    for (const m of text.matchAll(KO_HONORIFIC)) {
      const name = m[1]!;
      // 님 follows titles as well ("이사님", "기사님", "하나님"): with it, only a full three-syllable name.
      if (
        !KO_SURNAMES.has(name[0]!) ||
        /^(?:고객|선생|사장|부장|과장|팀장|여러분|어머|아버|손님|회장|교수|의사|기사|마음|호박|하나|하느|주인|신부|이사|원장|실장|차장|대리|주임|작가|부처|임금)/.test(
          name,
        )
      )
        continue;
      if (m[0].trimEnd().endsWith("님") && name.length !== 3) continue;
      add(out, "PERSON", m.index, m.index + name.length, 0.8);
    }
  }
  for (const m of text.matchAll(CLAUSE_NAME)) {
    const name = m[1]!;
    const hangul = /[\uac00-\ud7af]/.test(name);
    if (hangul ? !KO_SURNAMES.has(name[0]!) : chineseNameAtEnd(name, false) !== name.length || CN_COMMON.has(name)) continue;
    add(out, "PERSON", m.index, m.index + name.length, 0.8);
  }
}

// ---------------------------------------------------------------------------------------------
// Russian

const CYR_WORD = "[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?";
const RU_NAME = new RegExp(
  `(?:(?<![а-яёА-ЯЁ])(?:ФИО|Ф\\.\\s?И\\.\\s?О\\.|[Ии]мя|[Фф]амилия|[Зз]овут|[Пп]ациент(?:ка)?|[Зз]аявител[ья]|гр\\.|гражданин|гражданка)\\s*[:—-]?\\s*|(?<![а-яёА-ЯЁ])[Яя],\\s+)(${CYR_WORD}(?:\\s+${CYR_WORD}){0,2})`,
  "g",
);
// г. Санкт-Петербург, ул. Садовая, д. 15, кв. 42, 191023 — the street with its house number is needed.
const RU_STREET =
  "(?:ул\\.|улица|пр-т|просп\\.|проспект|пер\\.|переулок|ш\\.|шоссе|наб\\.|набережная|б-р|бульвар|пл\\.|площадь|мкр\\.?|микрорайон|проезд|туп\\.|тупик)";
const RU_ADDRESS = new RegExp(
  `(?:\\d{6},?\\s*)?(?:(?:[А-ЯЁ][а-яё-]+\\s(?:обл\\.|область|край)|респ\\.\\s[А-ЯЁ][а-яё-]+),?\\s*)?(?:(?:г\\.|город|пос\\.|с\\.)\\s?${CYR_WORD}(?:\\s${CYR_WORD})?,?\\s*)?` +
    `(?:${RU_STREET}\\s?(?:[А-ЯЁ\\d][а-яё\\d-]*\\.?(?:\\s[А-ЯЁа-яё][а-яё-]+){0,2})|(?:${CYR_WORD}\\s){1,2}${RU_STREET})` +
    `,?\\s*(?:д\\.|дом)\\s?\\d{1,4}[а-я]?(?:\\/\\d{1,3})?(?:,?\\s*(?:корп\\.|к\\.|стр\\.|строение|корпус)\\s?\\d{1,3})?(?:,?\\s*(?:кв\\.|квартира|оф\\.|офис|комн\\.)\\s?\\d{1,4})?(?:,?\\s*\\d{6}(?!\\d))?`,
  "g",
);

function findRussian(text: string, out: Found[]): void {
  for (const m of text.matchAll(RU_NAME)) {
    const start = m.index + m[0].length - m[1]!.length;
    add(out, "PERSON", start, m.index + m[0].length, 0.85);
  }
  if (/(?:д\.|дом)\s?\d/.test(text)) {
    for (const m of text.matchAll(RU_ADDRESS)) add(out, "STREET_ADDRESS", m.index, m.index + m[0].replace(/[\s,]+$/, "").length, 0.9);
  }
}

// ---------------------------------------------------------------------------------------------
// Hindi

const DEVA_WORD = `[${DEVA}]+`;
// Words that end a name: postpositions, pronouns and verbs ("का", "ने", "है").
const HI_STOP =
  /^(?:का|की|के|को|ने|से|में|पर|है|हैं|था|थी|और|या|जी|तथा|एक|यह|वह|इस|उस|मेरा|मेरी|मेरे|तेरे|उसके|उनके|हमारे|आपके|उसका|उसकी|नाम|जन्म|पता|फोन|मोबाइल|भाई|बहन|बेटा|बेटी|बेटे|पिता|पिताजी|माता|माँ|मां|दोस्त|पति|पत्नी|दादा|दादी|नाना|नानी|बच्चे|बच्चा|भगवान|प्रभु|देश|शहर|कंपनी)$/;
const HI_NAME_BEFORE = new RegExp(`(?<![${DEVA}])((?:${DEVA_WORD}\\s){0,2}${DEVA_WORD})\\s(?:का|की|के)\\s(?:जन्म|जन्मदिन)`, "g");
const HI_NAME_AFTER = new RegExp(
  `(?:नाम\\s*[:：-]\\s*|(?:मेरा|मेरी|उसका|उसकी)\\s+नाम\\s+|श्री\\s+|श्रीमती\\s+|सुश्री\\s+|डॉ\\.?\\s+)((?:${DEVA_WORD}\\s){0,2}${DEVA_WORD})`,
  "g",
);
// A Hindi address: a unit or house number, comma-separated parts, and a six-digit PIN code.
const HI_ADDRESS = new RegExp(
  `(?:फ्लैट|फ़्लैट|मकान|मकान नं\\.?|प्लॉट|हाउस|कमरा|म\\.\\s?नं\\.?)\\s?(?:नं\\.?\\s?)?\\d{1,5}[A-Za-z]?(?:\\/\\d{1,4})?(?:,\\s?[${DEVA}\\d\\s\\-/]{2,40}?){1,6},?\\s?[${DEVA}\\s]{0,30}\\d{6}(?!\\d)`,
  "g",
);
const HI_ADDRESS_LABEL = new RegExp(`पता\\s*[:：-]\\s*([${DEVA}\\d\\s,\\-/]{4,90}?\\d{6})(?!\\d)`, "g");

// Without a cue: a common given name, or any word before a common family name ("राहुल शर्मा",
// "मनोज कुमार"). Names that are also everyday words ("दीपक" lamp, "पूजा" worship, "कविता" poem) and
// gods' names are left out.
const HI_GIVEN =
  "राहुल|प्रिया|अमित|सुनीता|अनिल|सुनील|राजेश|संजय|नेहा|अंजलि|मनोज|रमेश|सुरेश|महेश|अजय|श्वेता|रीना|स्नेहा|अनीता|रोहित|निखिल|प्रियंका|अंकित|राकेश|मुकेश|दिनेश|नितिन|रीता|मीना|आदित्य|अनुराग|सचिन|विवेक|गौरव|पंकज|हर्ष|आशीष|सुमित|योगेश|रश्मि|निधि|पल्लवी|दिव्या|ऋतिक|अभिनव|तरुण|वरुण|कुणाल|सोनिया|मोनिका";
const HI_FAMILY =
  "शर्मा|वर्मा|गुप्ता|सिंह|कुमार|पटेल|यादव|जैन|मिश्रा|अग्रवाल|चौहान|खान|रेड्डी|राव|नायर|मेहता|शाह|जोशी|त्रिपाठी|पांडे|पाण्डेय|श्रीवास्तव|बनर्जी|मुखर्जी|चटर्जी|चौधरी|ठाकुर|कपूर|मल्होत्रा|सक्सेना|भट्ट|अय्यर|पिल्लै|देसाई|कुलकर्णी";
const HI_LISTED_NAME = new RegExp(
  `(?<![${DEVA}])(?:(?:${HI_GIVEN})(?:\\s(?:${HI_FAMILY}))?|${DEVA_WORD}\\s(?:${HI_FAMILY}))(?![${DEVA}])`,
  "g",
);

function findHindi(text: string, out: Found[]): void {
  const namePart = (start: number, words: string) => {
    const parts = words.split(/\s/);
    // Keep the words closest to the cue that are not function words.
    let keep = 0;
    for (let k = parts.length - 1; k >= 0 && !HI_STOP.test(parts[k]!); k--) keep++;
    if (keep === 0) return;
    const kept = parts.slice(parts.length - keep).join(" ");
    add(out, "PERSON", start + words.length - kept.length, start + words.length, 0.85);
  };
  for (const m of text.matchAll(HI_NAME_BEFORE)) namePart(m.index, m[1]!);
  for (const m of text.matchAll(HI_NAME_AFTER)) {
    const words = m[1]!;
    const parts = words.split(/\s/);
    let n = 0;
    while (n < parts.length && !HI_STOP.test(parts[n]!)) n++;
    if (n === 0) continue;
    const start = m.index + m[0].length - words.length;
    add(out, "PERSON", start, start + parts.slice(0, n).join(" ").length, 0.85);
  }
  for (const m of text.matchAll(HI_LISTED_NAME)) {
    // "एक सिंह" (a lion): a function word before a family name is no given name, and the word alone no name.
    if (HI_STOP.test(m[0].split(/\s/)[0]!)) continue;
    add(out, "PERSON", m.index, m.index + m[0].length, 0.8);
  }
  if (/\d{6}/.test(text)) {
    for (const m of text.matchAll(HI_ADDRESS)) add(out, "STREET_ADDRESS", m.index, m.index + m[0].length, 0.85);
    for (const m of text.matchAll(HI_ADDRESS_LABEL)) {
      const start = m.index + m[0].length - m[1]!.length;
      add(out, "STREET_ADDRESS", start, m.index + m[0].length, 0.85);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Arabic

const AR_WORD = `[${ARAB}]+`;
// "الاسم: …", "اسمي …", and a role before a name: "للموظف الجديد …", "السيد …", "الدكتورة …".
const AR_NAME = new RegExp(
  `(?:(?:الاسم|اسمي|اسمه|اسمها)\\s*[:：]?\\s*|(?<![${ARAB}])و?(?:لل|ال)?(?:(?:سيد|سيدة|أستاذ|أستاذة|دكتور|دكتورة|مهندس|مهندسة)(?:\\s+(?:الجديد|الجديدة|العزيز|العزيزة|الكريم|الكريمة))?|(?:موظف|موظفة|عميل|عميلة|طالب|طالبة|مريض|مريضة|زميل|زميلة)\\s+(?:الجديد|الجديدة|العزيز|العزيزة|الكريم|الكريمة))\\s+)(${AR_WORD}(?:\\s+${AR_WORD}){0,2})`,
  "g",
);
// Function words, and words with a clitic "and" ("وأرسلها"), end a name.
const AR_STOP =
  /^(?:و|ف|ثم|في|من|إلى|الى|على|عن|مع|أن|إن|هو|هي|الذي|التي|قد|لقد|كان|كانت|ب|ل|غدا|اليوم|الآن|أمس|بعد|قبل|عند|حول|كي|لكي|أيضا)$|^و[\u0621-\u064a]{4,}$/;

// Common given names, perhaps behind a clitic ("بمحمد" with Muhammad, "لفاطمة" for Fatima), and the
// one or two name words after them. Names that are everyday words ("علي" on me, "أمل" hope, "نور"
// light) are left out.
const AR_GIVEN =
  "محمد|أحمد|احمد|محمود|مصطفى|إبراهيم|ابراهيم|يوسف|خالد|عمر|حسن|حسين|عبدالله|عبد الله|عبدالرحمن|عبد الرحمن|عبدالعزيز|فاطمة|عائشة|خديجة|مريم|زينب|سارة|ليلى|ياسمين|هند|رانيا|سلمى|طارق|كريم|ماجد|وليد|سامي|هشام|عادل|ناصر|فيصل|سلطان|منصور|نادية|سعاد|هدى";
const AR_LISTED_NAME = new RegExp(`(?<![${ARAB}])(?:[بلوفك]|لل)?((?:${AR_GIVEN})(?:\\s+${AR_WORD}){0,2})(?![${ARAB}])`, "g");

function findArabic(text: string, out: Found[]): void {
  for (const m of text.matchAll(AR_NAME)) {
    const words = m[1]!.split(/\s+/);
    let n = 0;
    while (n < words.length && !AR_STOP.test(words[n]!)) n++;
    if (n === 0) continue;
    const start = m.index + m[0].length - m[1]!.length;
    add(out, "PERSON", start, start + words.slice(0, n).join(" ").length, 0.85);
  }
  // Names found by their cue come first: they know where a name ends.
  for (const m of text.matchAll(AR_LISTED_NAME)) {
    const words = m[1]!.split(/\s+/);
    let n = 1;
    // A word with the article ends the name unless it is a family name of the "al-…i" kind ("الحربي").
    while (
      n < words.length &&
      !AR_STOP.test(words[n]!) &&
      (!/^(?:ال|[بلوفك]ال)/.test(words[n]!) || /^ال[\u0621-\u064a]{2,}ي$/.test(words[n]!))
    )
      n++;
    const start = m.index + m[0].length - m[1]!.length;
    add(out, "PERSON", start, start + words.slice(0, n).join(" ").length, 0.8);
  }
}
