// Splits a recipient as buyers send it on WeChat or copy it from a marketplace into the fields of an
// order's recipient: "张三 13812345678 广东省广州市天河区体育西路191号 510620", or the labelled form
// "收货人: 李四，手机号码: 139 1234 5678，所在地区: 浙江省 杭州市 西湖区，详细地址: 文三路 90 号".
// Pure and forgiving: it is a first guess that the owner checks and corrects in the fields. What it
// cannot place stays in the street, or is left empty; it never invents a province or a city.
import type { RecipientInput } from "./bindings";

/** The provinces by their short names (longest first where one could start another), and whether a city. */
const PROVINCES: readonly { short: string; full: string; municipality?: true }[] = [
  { short: "黑龙江", full: "黑龙江省" },
  { short: "内蒙古", full: "内蒙古自治区" },
  { short: "北京", full: "北京市", municipality: true },
  { short: "天津", full: "天津市", municipality: true },
  { short: "上海", full: "上海市", municipality: true },
  { short: "重庆", full: "重庆市", municipality: true },
  { short: "河北", full: "河北省" },
  { short: "山西", full: "山西省" },
  { short: "辽宁", full: "辽宁省" },
  { short: "吉林", full: "吉林省" },
  { short: "江苏", full: "江苏省" },
  { short: "浙江", full: "浙江省" },
  { short: "安徽", full: "安徽省" },
  { short: "福建", full: "福建省" },
  { short: "江西", full: "江西省" },
  { short: "山东", full: "山东省" },
  { short: "河南", full: "河南省" },
  { short: "湖北", full: "湖北省" },
  { short: "湖南", full: "湖南省" },
  { short: "广东", full: "广东省" },
  { short: "海南", full: "海南省" },
  { short: "四川", full: "四川省" },
  { short: "贵州", full: "贵州省" },
  { short: "云南", full: "云南省" },
  { short: "陕西", full: "陕西省" },
  { short: "甘肃", full: "甘肃省" },
  { short: "青海", full: "青海省" },
  { short: "台湾", full: "台湾省" },
  { short: "广西", full: "广西壮族自治区" },
  { short: "西藏", full: "西藏自治区" },
  { short: "宁夏", full: "宁夏回族自治区" },
  { short: "新疆", full: "新疆维吾尔自治区" },
  { short: "香港", full: "香港特别行政区" },
  { short: "澳门", full: "澳门特别行政区" },
];

/** What may follow a province's short name and belongs to it: "省", "壮族自治区", or "市" for the four cities. */
const PROVINCE_SUFFIX = /^(?:壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省)/;

type ProvinceMatch = { full: string; short: string; municipality: boolean; length: number };

/**
 * The province `text` starts with, and how many characters of it name the province. "吉林市…" is the
 * city of 吉林 in 吉林省: the province is known but none of the text is used up by it.
 */
function matchProvince(text: string): ProvinceMatch | null {
  for (const p of PROVINCES) {
    if (!text.startsWith(p.short)) continue;
    const after = text.slice(p.short.length);
    const municipality = p.municipality === true;
    if (municipality) return { full: p.full, short: p.short, municipality, length: p.short.length + (after.startsWith("市") ? 1 : 0) };
    if (after.startsWith("市")) return { full: p.full, short: p.short, municipality, length: 0 };
    const suffix = PROVINCE_SUFFIX.exec(after);
    return { full: p.full, short: p.short, municipality, length: p.short.length + (suffix ? suffix[0].length : 0) };
  }
  return null;
}

/** The full names, for finding a province glued to a name before it ("张三广东省…"). */
const FULL_PROVINCE = new RegExp(
  PROVINCES.map((p) => p.full)
    .sort((a, b) => b.length - a.length)
    .join("|"),
);

/** A prefecture: 广州市, 黔东南苗族侗族自治州, 阿克苏地区, 锡林郭勒盟. */
const CITY = /^([^\s\d]{2,15}?(?:自治州|地区|盟|市))\s*/;
/**
 * A district or county: 天河区, 云阳县, 凯里市, 鄂托克旗; the shortest such start. Two characters are a
 * district only for the one-character counties (歙县): "城市花园", "红旗路" start no district.
 */
const DISTRICT = /^([^\s\d]{1,15}?(?:区|县|市|旗))\s*/;
/** Places inside a town that end like a district but are not one. */
const NOT_A_DISTRICT = /(?:小区|社区|校区|景区|园区|营业区|服务区)$|^[^\s\d][区市旗]$/;

const CJK = "\\u3400-\\u9fff\\uf900-\\ufaff（）【】";

/** Spaces inside a Chinese address carry nothing ("文三路 90 号" -> "文三路90号"); between Latin words they stay. */
function tidyStreet(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(new RegExp(`(?<=[${CJK}])\\s+|\\s+(?=[${CJK}])`, "g"), "")
    .replace(/^[\s,;:]+|[\s,;:]+$/g, "");
}

function tidy(text: string): string {
  return text.replace(/\s+/g, " ").replace(/^[\s,;:]+|[\s,;:]+$/g, "");
}

/** Province, city, district and the rest (the street) of an address that starts with the province. */
export function parseRegion(address: string): Pick<RecipientInput, "province" | "city" | "district" | "street"> {
  let rest = tidy(address);
  let province = "";
  let city = "";
  let district = "";
  const p = matchProvince(rest);
  if (p) {
    province = p.full;
    rest = rest.slice(p.length).trimStart();
  }
  if (p?.municipality) {
    city = p.full;
    // Marketplaces write the city again ("北京市 北京市 朝阳区") or as 市辖区.
    rest = rest.replace(new RegExp(`^(?:${p.short}市|市辖区)\\s*`), "");
  } else {
    const c = CITY.exec(rest);
    if (c) {
      city = c[1] ?? "";
      rest = rest.slice(c[0].length);
    } else if (p) {
      // "广东 深圳 南山区": a city written without 市, as its own word before a district.
      const word = /^([\u3400-\u9fff]{2,4})\s+(?=\S)/.exec(rest);
      const next = word ? rest.slice(word[0].length) : "";
      const nextDistrict = DISTRICT.exec(next);
      if (word && nextDistrict && !NOT_A_DISTRICT.test(nextDistrict[1] ?? "")) {
        city = word[1] ?? "";
        rest = next;
      }
    }
  }
  const d = DISTRICT.exec(rest);
  if (d && !NOT_A_DISTRICT.test(d[1] ?? "")) {
    district = d[1] ?? "";
    rest = rest.slice(d[0].length);
  }
  return { province, city, district, street: tidyStreet(rest) };
}

/**
 * Full-width digits, letters and the punctuation that separates fields become plain ones, so that
 * "１３８…" is a phone and "：" ends a label. Brackets and other punctuation inside the address stay.
 */
function normalize(text: string): string {
  return text
    .replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[：]/g, ":")
    .replace(/[，]/g, ",")
    .replace(/[；]/g, ";")
    .replace(/[－—–‐]/g, "-")
    .replace(/[＋]/g, "+")
    .replace(/[\u3000\u00a0]/g, " ");
}

type LabelKind = "name" | "phone" | "region" | "street" | "address" | "postcode";

const LABELS: readonly (readonly [string, LabelKind])[] = [
  ["收货人姓名", "name"],
  ["收件人姓名", "name"],
  ["收货人", "name"],
  ["收件人", "name"],
  ["联系人", "name"],
  ["姓名", "name"],
  ["手机号码", "phone"],
  ["手机号", "phone"],
  ["联系电话", "phone"],
  ["电话号码", "phone"],
  ["联系方式", "phone"],
  ["手机", "phone"],
  ["电话", "phone"],
  ["所在地区", "region"],
  ["所在地", "region"],
  ["省市区", "region"],
  ["地区", "region"],
  ["详细地址", "street"],
  ["街道地址", "street"],
  ["收货地址", "address"],
  ["收件地址", "address"],
  ["地址", "address"],
  ["邮政编码", "postcode"],
  ["邮编", "postcode"],
];

const LABEL_WORDS = LABELS.map(([label]) => label).join("|");
/**
 * A label and its colon ("收货人:"), or a label typed as a word of its own with a space after it
 * ("姓名 黄磊 电话 139…"): standing alone at the start of the text or after a space or separator,
 * so that 地址 inside an address is not taken for one.
 */
const LABEL = new RegExp(`(${LABEL_WORDS})\\s*:|(?<=^|[\\s,;])(${LABEL_WORDS})[ \\t]+(?=\\S)`, "g");
const LABEL_KIND: ReadonlyMap<string, LabelKind> = new Map(LABELS);

/** A mobile number, with +86 and spaces or dashes between its digits: "139 1234 5678", "+86 186-1234-5678". */
const MOBILE = /(?<!\d)(?:\+?86[\s-]?)?(1[3-9]\d(?:[\s-]?\d){8})(?!\d)/;
/**
 * A landline with its area code: "0851-86881234", "(0851) 8688-1234", "021 6419 0000". Beijing's
 * and the 02x cities' codes have three digits, every other one four.
 */
const LANDLINE = /(?<![\d(])\(?(0(?:10|2\d|[3-9]\d{2}))\)?[\s-]?(\d{3,4})[\s-]?(\d{4})(?!\d)/;
/** A postcode in brackets, as people add it after the address: "(610041)", "（邮编：610041）", "【310012】". */
const BRACKETED_POSTCODE = /[(（\[【]\s*(?:邮编|邮政编码)?\s*:?\s*(\d{6})\s*[)）\]】]/;
/** A postcode on its own: six digits between spaces. */
const POSTCODE = /(?<=^|\s)(\d{6})(?=\s|$)/;
/** Marketplaces write 000000 when they do not know the postcode. */
const NO_POSTCODE = "000000";

/** Marks where a phone or postcode was taken out: the text on either side are different things. */
const BREAK = "\u0000";

function findPhone(text: string): { phone: string; index: number; length: number } | null {
  const mobile = MOBILE.exec(text);
  if (mobile) return { phone: (mobile[1] ?? "").replace(/\D/g, ""), index: mobile.index, length: mobile[0].length };
  const landline = LANDLINE.exec(text);
  if (landline) return { phone: `${landline[1] ?? ""}-${landline[2] ?? ""}${landline[3] ?? ""}`, index: landline.index, length: landline[0].length };
  return null;
}

function postcodeOf(text: string): string {
  const code = /\d{6}/.exec(text)?.[0] ?? "";
  return code === NO_POSTCODE ? "" : code;
}

/** The last characters of words that are part of an address, not a person's name. */
const ADDRESS_END = /[号路街道巷弄村组区县市镇乡楼栋室层座苑园城湾厦院门店站场屯寨坝堡旗州盟省元幢铺]$/;
/** A word that is plainly part of an address when no province says where one starts. */
const ADDRESSY = /[省市区县州旗盟].|[路街道巷弄号村镇乡栋]/;

type Found = Partial<RecipientInput>;

type AddressStart = { chunk: number; word: number; namePrefix: string };

function findAddress(chunks: string[][]): AddressStart | null {
  const words = chunks.flatMap((list, chunk) => list.map((word, index) => ({ chunk, index, word })));
  for (const { chunk, index, word } of words) {
    if (matchProvince(word)) return { chunk, word: index, namePrefix: "" };
  }
  for (const { chunk, index, word } of words) {
    const m = FULL_PROVINCE.exec(word);
    if (m && m.index > 0 && m.index <= 6) {
      const list = chunks[chunk];
      if (list) list[index] = word.slice(m.index);
      return { chunk, word: index, namePrefix: word.slice(0, m.index) };
    }
  }
  for (const { chunk, index, word } of words) {
    if (word.length >= 3 && ADDRESSY.test(word)) return { chunk, word: index, namePrefix: "" };
  }
  return null;
}

/** The fields in text without labels: a phone, a postcode, a name and an address in any order. */
function parseFree(text: string): Found {
  let rest = text.replace(/[,;、|\r\n\t]/g, " ");
  const found: Found = {};
  const phone = findPhone(rest);
  if (phone) {
    found.phone = phone.phone;
    rest = `${rest.slice(0, phone.index)} ${BREAK} ${rest.slice(phone.index + phone.length)}`;
  }
  const postcode = POSTCODE.exec(rest);
  if (postcode) {
    found.postcode = postcodeOf(postcode[1] ?? "");
    rest = `${rest.slice(0, postcode.index)} ${BREAK} ${rest.slice(postcode.index + (postcode[1] ?? "").length)}`;
  }
  const chunks = rest.split(BREAK).map((chunk) => chunk.split(/\s+/).filter((w) => w !== ""));

  // Where the address starts: a word that starts with a province; else a province glued to a name
  // before it; else the first word that reads like part of an address.
  const start = findAddress(chunks);
  const address = start ? (chunks[start.chunk] ?? []).slice(start.word) : [];
  const others = chunks.map((words, c) => (start && c === start.chunk ? words.slice(0, start.word) : words));
  if (start?.namePrefix) others[start.chunk]?.push(start.namePrefix);
  let name = others.map((words) => words.join(" ")).find((words) => words !== "") ?? "";
  // No name elsewhere: a short word after the address is the name ("…体育西路191号 张三 138…").
  if (name === "" && address.length > 1) {
    const last = address[address.length - 1] ?? "";
    if (/^[\u3400-\u9fff]{2,4}$/.test(last) && !ADDRESS_END.test(last)) {
      name = last;
      address.pop();
    }
  }
  if (name !== "") found.name = tidy(name);
  if (address.length > 0) Object.assign(found, parseRegion(address.join(" ")));
  return found;
}

/** Every field of a recipient found in a pasted text; "" where nothing was found. */
export function parseRecipient(text: string): RecipientInput {
  let normal = normalize(text);
  const bracketed = BRACKETED_POSTCODE.exec(normal);
  if (bracketed) normal = `${normal.slice(0, bracketed.index)} ${normal.slice(bracketed.index + bracketed[0].length)}`;
  const labelled: Found = {};
  let free = "";
  let region = "";
  let street = "";
  const matches = [...normal.matchAll(LABEL)];
  free = normal.slice(0, matches[0]?.index ?? normal.length);
  matches.forEach((m, i) => {
    const value = normal.slice((m.index ?? 0) + m[0].length, matches[i + 1]?.index ?? normal.length);
    const kind = LABEL_KIND.get(m[1] ?? m[2] ?? "");
    if (kind === "name") labelled.name = tidy(value);
    else if (kind === "phone") labelled.phone = findPhone(value)?.phone ?? tidy(value);
    else if (kind === "postcode") labelled.postcode = postcodeOf(value);
    else if (kind === "region") region = `${region} ${value}`;
    else if (kind === "street") street = `${street} ${value}`;
    else free = `${free} ${BREAK} ${value}`;
  });
  const fromFree = parseFree(free);
  const parts = region.trim() !== "" || street.trim() !== "" ? parseRegion(`${tidy(region)} ${tidy(street)}`) : {};
  const merged: Found = { ...(bracketed ? { postcode: postcodeOf(bracketed[1] ?? "") } : {}), ...fromFree, ...parts, ...labelled };
  return {
    name: merged.name ?? "",
    phone: merged.phone ?? "",
    province: merged.province ?? "",
    city: merged.city ?? "",
    district: merged.district ?? "",
    street: merged.street ?? "",
    postcode: merged.postcode ?? "",
  };
}
