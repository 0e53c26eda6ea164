import { describe, expect, it } from "vitest";
import { redact } from "@/lib/pii";
import { findDatesOfBirth } from "@/lib/pii/recognizers/date-of-birth";
import { findNonLatinAddresses, findNonLatinDatesOfBirth, findNonLatinPersons } from "@/lib/pii/recognizers/non-latin";
import { findPhones } from "@/lib/pii/recognizers/phone";
import { findStreetAddresses } from "@/lib/pii/recognizers/street-address";

// Personal data in other scripts and other countries' formats; one test per rule.

const values = (text: string, found: { start: number; end: number; confidence: number }[], min = 0.5) =>
  found.filter((c) => c.confidence >= min).map((c) => text.slice(c.start, c.end));

/** The values `redact` replaced, per type. */
function redacted(text: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of redact(text).findings) (out[f.type] ??= []).push(text.slice(f.start, f.end));
  return out;
}

describe("non-Latin scripts: labelled form fields", () => {
  it("takes a Japanese résumé's name, era birth date and 〒 address", () => {
    const t = "氏名 山田 太郎 / 生年月日 昭和55年12月1日 / 現住所 〒106-0032 東京都港区六本木6丁目10-1 ヒルズ3203号室 / 電話 03-1234-5678";
    expect(values(t, findNonLatinPersons(t))).toEqual(["山田 太郎"]);
    expect(values(t, findNonLatinDatesOfBirth(t))).toEqual(["昭和55年12月1日"]);
    expect(values(t, findNonLatinAddresses(t))).toEqual(["〒106-0032 東京都港区六本木6丁目10-1 ヒルズ3203号室"]);
  });
  it("takes a Chinese name after 姓名 and 我叫, and stops at the next label", () => {
    const t = "姓名：王小红　出生日期：1985年2月3日";
    expect(values(t, findNonLatinPersons(t))).toEqual(["王小红"]);
    expect(values(t, findNonLatinDatesOfBirth(t))).toEqual(["1985年2月3日"]);
    const u = "您好，我叫李明，想预约面试。";
    expect(values(u, findNonLatinPersons(u))).toEqual(["李明"]);
  });
  it("takes a Korean name after 이름 and 저는, without the copula", () => {
    const t = "이름: 김민수, 생년월일: 1985년 3월 4일";
    expect(values(t, findNonLatinPersons(t))).toEqual(["김민수"]);
    expect(values(t, findNonLatinDatesOfBirth(t))).toEqual(["1985년 3월 4일"]);
    const u = "저는 이지은입니다. 잘 부탁드립니다.";
    expect(values(u, findNonLatinPersons(u))).toEqual(["이지은"]);
  });
  it("takes a Russian name after ФИО, меня зовут and «я,»", () => {
    const t = "ФИО: Кузнецов Андрей Петрович. Меня зовут Анна Петрова. Я, Смирнова Ольга Викторовна, прошу…";
    expect(values(t, findNonLatinPersons(t))).toEqual(["Кузнецов Андрей Петрович", "Анна Петрова", "Смирнова Ольга Викторовна"]);
  });
  it("takes a Hindi name after नाम and before का जन्म, without postpositions", () => {
    const t = "नाम: राहुल शर्मा, उम्र 35";
    expect(values(t, findNonLatinPersons(t))).toEqual(["राहुल शर्मा"]);
    const u = "सुनीता यादव का जन्म लखनऊ में हुआ था।";
    expect(values(u, findNonLatinPersons(u))).toEqual(["सुनीता यादव"]);
  });
  it("takes an Arabic name after الاسم or a title, up to a clitic or an adverb", () => {
    const t = "الاسم: محمد أحمد، تاريخ الميلاد";
    expect(values(t, findNonLatinPersons(t))).toEqual(["محمد أحمد"]);
    const u = "اكتب رسالة ترحيب للموظف الجديد يوسف الحربي وأرسلها إليه";
    expect(values(u, findNonLatinPersons(u))).toEqual(["يوسف الحربي"]);
  });
});

describe("non-Latin scripts: names by honorific and by clause", () => {
  it("takes Japanese names before さん/様 but not role words or compounds", () => {
    const t = "田中さんとマイクさんに送ってください。患者さんと店員さん、多種多様な仕様書。";
    expect(values(t, findNonLatinPersons(t))).toEqual(["田中", "マイク"]);
  });
  it("takes Chinese names before 老师/先生 from the surname on", () => {
    const t = "请帮我给张老师和李伟先生写一封邀请函，我是一名高中老师。";
    expect(values(t, findNonLatinPersons(t))).toEqual(["张", "李伟"]);
  });
  it("takes Korean names before 씨 and 님 but not titles", () => {
    const t = "김민수 씨에게 알려 주세요. 박지훈님께 감사합니다. 선생님과 하나님께.";
    expect(values(t, findNonLatinPersons(t))).toEqual(["김민수", "박지훈"]);
  });
  it("takes a name that opens a clause of personal data", () => {
    const t = "请翻译：欧阳晓婷，1987年3月15日出生于成都。";
    expect(values(t, findNonLatinPersons(t))).toEqual(["欧阳晓婷"]);
    const u = "박서연, 생년월일 1998년 11월 2일";
    expect(values(u, findNonLatinPersons(u))).toEqual(["박서연"]);
  });
});

describe("non-Latin scripts: dates of birth", () => {
  it("needs birth wording before or after a CJK date", () => {
    const t = "1990年5月5日生まれです。会議は2024年3月15日です。";
    expect(values(t, findNonLatinDatesOfBirth(t))).toEqual(["1990年5月5日"]);
  });
  it("reads Japanese era years", () => {
    const t = "生年月日 平成8年4月3日";
    expect(values(t, findNonLatinDatesOfBirth(t))).toEqual(["平成8年4月3日"]);
  });
  it("takes Hindi and Russian dates with month names after birth wording", () => {
    const t = "उसका जन्म 15 अगस्त 1990 को हुआ था। Она родилась 3 марта 1991 года.";
    expect(values(t, findDatesOfBirth(t))).toEqual(["15 अगस्त 1990", "3 марта 1991"]);
  });
});

describe("non-Latin scripts: addresses", () => {
  it("takes a Chinese street address after 现住, to its last unit", () => {
    const t = "现住上海市浦东新区张杨路1200弄5号1802室，手机号码见下。住在北京市朝阳区建国路88号附近的酒店。";
    expect(values(t, findNonLatinAddresses(t))).toEqual(["上海市浦东新区张杨路1200弄5号1802室", "北京市朝阳区建国路88号"]);
  });
  it("takes a Korean road-name address with its unit", () => {
    const t = "부산광역시 해운대구 해운대로 264, 1203호에 살고 있어요.";
    expect(values(t, findNonLatinAddresses(t))).toEqual(["부산광역시 해운대구 해운대로 264, 1203호"]);
  });
  it("takes a Russian address from city to flat and postcode", () => {
    const t = "по адресу: г. Санкт-Петербург, ул. Садовая, д. 15, кв. 42, 191023, прошу";
    expect(values(t, findNonLatinAddresses(t))).toEqual(["г. Санкт-Петербург, ул. Садовая, д. 15, кв. 42, 191023"]);
  });
  it("takes a Hindi address from the flat to the PIN code", () => {
    const t = "वह अब फ्लैट 204, विकास खंड 2, गोमती नगर, लखनऊ 226010 में रहती हैं।";
    expect(values(t, findNonLatinAddresses(t))).toEqual(["फ्लैट 204, विकास खंड 2, गोमती नगर, लखनऊ 226010"]);
  });
  it("needs a number and a unit word: a city alone is no address", () => {
    const t = "住所変更の手続き。住所：東京都港区。";
    expect(findNonLatinAddresses(t)).toEqual([]);
  });
});

describe("phones in national formats and beside CJK characters", () => {
  it("takes a number glued to CJK characters", () => {
    const t = "现住成都，手机+86 139 1734 2268。";
    expect(values(t, findPhones(t))).toEqual(["+86 139 1734 2268"]);
  });
  it("takes Japanese and Korean mobiles in their own script's text", () => {
    const t = "電話 090-3381-2746";
    expect(values(t, findPhones(t))).toEqual(["090-3381-2746"]);
    const u = "연락처 010-4827-1935, 주소는 나중에";
    expect(values(u, findPhones(u))).toEqual(["010-4827-1935"]);
  });
  it("leaves an order number of phone shape alone", () => {
    const t = "주문번호 010-1234-5678 은 아닙니다만, 订单号 139 1734 2268。";
    expect(values(t, findPhones(t))).toEqual([]);
  });
  it("takes a bracketed national number in a list of phones", () => {
    const t = "Uwe (Berlin) +49 30 2549 8812 | Shane (Sydney) (02) 9471 3386";
    expect(values(t, findPhones(t))).toEqual(["+49 30 2549 8812", "(02) 9471 3386"]);
    expect(values("The (02) 9471 3386 figure", findPhones("The (02) 9471 3386 figure"))).toEqual([]);
  });
});

describe("dates of birth in more languages", () => {
  it.each([
    ["Card for Noor, b. 1964-02-29, who turns 61.", "1964-02-29"],
    ["hyresgäst Linnéa Åkesson, född 1992-12-24, lägenhet", "1992-12-24"],
    ["Kovács Eszter, született 1979. május 8., lakcím", "1979. május 8."],
    ["Lê Hoàng Nam, sinh ngày 20/10/1995, nghỉ từ 02/06", "20/10/1995"],
    ["я, Смирнова Ольга, 14.06.1983 г. р., проживающая", "14.06.1983"],
  ])("finds the birth date in %s", (t, date) => {
    expect(values(t, findDatesOfBirth(t))).toEqual([date]);
  });
  it("keeps a Hungarian date without birth wording", () => {
    const t = "A szerződés 1979. május 8. óta érvényes.";
    expect(findDatesOfBirth(t)).toEqual([]);
  });
});

describe("street addresses in more countries' formats", () => {
  it.each([
    ["Wohnadresse Schönbrunner Straße 118/2/14, 1050 Wien.", "Schönbrunner Straße 118/2/14, 1050 Wien"],
    ["Adress: Storgatan 12 lgh 1102, 114 51 Stockholm, hyra", "Storgatan 12 lgh 1102, 114 51 Stockholm"],
    ["Adresse: Nørrebrogade 44, 3. th., 2200 København N virker ikke", "Nørrebrogade 44, 3. th., 2200 København N"],
    ["lakcím: 1137 Budapest, Pozsonyi út 38. II. em. 5.", "1137 Budapest, Pozsonyi út 38. II. em. 5"],
    ["sonnez chez nous, 615, rue Saint-Jean, app. 2, Québec (Québec) G1R 1P8.", "615, rue Saint-Jean, app. 2, Québec (Québec) G1R 1P8"],
    ["domicilio a Av. Corrientes 1847, piso 3, depto. B, C1045AAB CABA.", "Av. Corrientes 1847, piso 3, depto. B, C1045AAB CABA"],
    [
      "residente na Av. Pres. Juscelino Kubitschek 2041, conj. 84, Vila Nova Conceição, São Paulo - SP, 04543-011, nomeia",
      "Av. Pres. Juscelino Kubitschek 2041, conj. 84, Vila Nova Conceição, São Paulo - SP, 04543-011",
    ],
    [
      "demeurant Résidence Les Palmiers, bât. C, apt 14, 33 avenue de la Libération, 13002 Marseille, certifie",
      "Résidence Les Palmiers, bât. C, apt 14, 33 avenue de la Libération, 13002 Marseille",
    ],
    ["Lieferadresse: Martin-Luther-King-Straße 9, App. 3.07, 53175 Bonn; danke", "Martin-Luther-King-Straße 9, App. 3.07, 53175 Bonn"],
    ["Courier quote for House 27, Street 9, F-7/2, Islamabad 44000, 2 boxes.", "House 27, Street 9, F-7/2, Islamabad 44000"],
    [
      "address: Unit 1705, Tower 2, Arnaiz Avenue, Brgy. San Lorenzo, Makati City 1223, para kay",
      "Unit 1705, Tower 2, Arnaiz Avenue, Brgy. San Lorenzo, Makati City 1223",
    ],
    [
      "Dispatch note: Plot 14, Adeola Odeku Street, Victoria Island, Lagos 101241, recipient",
      "Plot 14, Adeola Odeku Street, Victoria Island, Lagos 101241",
    ],
    ["my host is at TC 25/1482, Vazhuthacaud, Thiruvananthapuram 695014; how far", "TC 25/1482, Vazhuthacaud, Thiruvananthapuram 695014"],
  ])("finds the address in %s", (t, address) => {
    expect(values(t, findStreetAddresses(t))).toContain(address);
  });
  it("does not take a year and a town before a street for a postcode", () => {
    const t = "In 2019 Berlin, Hauptstraße 5 was rebuilt.";
    expect(values(t, findStreetAddresses(t))).toEqual(["Hauptstraße 5"]);
  });
});

describe("PII-free text in other scripts stays untouched", () => {
  it.each([
    "大阪城は1583年に豊臣秀吉によって築かれ、現在の天守閣は1931年に再建されました。見学のおすすめの時間を教えてください。",
    "名前を入力してください。氏名欄には漢字で記入し、住所変更の手続きは窓口で行います。",
    "お客様、ご苦労様でした。患者さんと店員さんと運転手さんにお礼を言いたいです。多種多様な仕様書を作ってください。",
    "東京の人口は約1400万人です。2023年4月1日から新しい制度が始まりました。注文番号 123-4567-8901 の配送状況を確認してください。",
    "我是一名高中老师，教了十年数学。明年，2025年3月的会议改到北京。谢谢先生的帮助。",
    '姓名是什么意思？请用英文解释"姓名"和"名字"的区别。订单号 2024031512345678 已发货。',
    "请总结这篇文章：公司总经理在全年总结会上说，项目经理要负责2024年的预算。这家店位于上海市南京东路，营业时间是早上10点。",
    "서울의 지하철 2호선은 1984년에 개통되었습니다. 주요 역을 설명해 주세요.",
    "이름을 입력하세요. 마음씨가 좋은 사람과 호박씨를 심었어요. 하나님께 감사합니다. 선생님께 보내는 편지를 써 주세요.",
    "Московское метро открылось 15 мая 1935 года. Расскажи, какие станции самые красивые.",
    "Введите имя файла и нажмите «Сохранить». Дом 5 на этой улице построен в 1910 году.",
    "भारत की राजधानी दिल्ली है और ताजमहल 1632 में बनना शुरू हुआ था। इसके बारे में एक छोटा निबंध लिखो।",
    "मेरे भाई का जन्मदिन अगले हफ्ते है, उसके लिए एक कविता लिखो। दुकान का पता क्या है?",
    "اكتب مقالة قصيرة عن تاريخ القاهرة، التي تأسست عام 969 ميلادية. أرسل للعميل رسالة تأكيد الطلب رقم 558120.",
  ])("%s", (text) => {
    expect(redact(text).redacted).toBe(text);
  });
});

describe("the layers together", () => {
  it("redact() numbers a Chinese prompt's data by type", () => {
    const t = "请翻译：欧阳晓婷，1987年3月15日出生于成都，现住上海市浦东新区张杨路1200弄5号1802室，手机+86 139 1734 2268。";
    expect(redact(t).redacted).toBe("请翻译：<PERSON_1>，<DATE_OF_BIRTH_1>出生于成都，现住<STREET_ADDRESS_1>，手机<PHONE_1>。");
    expect(redacted(t).PERSON).toEqual(["欧阳晓婷"]);
  });
});
