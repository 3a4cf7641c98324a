// The paste box's parser against recipients as buyers really send them: every field exact.
import { describe, expect, it } from "vitest";
import type { RecipientInput } from "./bindings";
import { parseRecipient, parseRegion } from "./addressParse";

function r(name: string, phone: string, province: string, city: string, district: string, street: string, postcode = ""): RecipientInput {
  return { name, phone, province, city, district, street, postcode };
}

describe("parseRecipient", () => {
  it.each([
    [
      "name, phone, address and postcode separated by spaces",
      "张三 13812345678 广东省广州市天河区体育西路191号 510620",
      r("张三", "13812345678", "广东省", "广州市", "天河区", "体育西路191号", "510620"),
    ],
    [
      "the labelled form WeChat copies, full-width commas, a phone in groups, spaces in the address",
      "收货人: 李四，手机号码: 139 1234 5678，所在地区: 浙江省 杭州市 西湖区，详细地址: 文三路 90 号",
      r("李四", "13912345678", "浙江省", "杭州市", "西湖区", "文三路90号"),
    ],
    [
      "Beijing: the municipality is its own city; a phone with dashes; no postcode",
      "王五，186-1234-5678，北京市朝阳区建国路88号SOHO现代城2号楼1单元1002",
      r("王五", "18612345678", "北京市", "北京市", "朝阳区", "建国路88号SOHO现代城2号楼1单元1002"),
    ],
    [
      "Shanghai written twice, as marketplaces do, and a 新区",
      "赵六 13712345678 上海市上海市浦东新区世纪大道100号 200120",
      r("赵六", "13712345678", "上海市", "上海市", "浦东新区", "世纪大道100号", "200120"),
    ],
    [
      "Chongqing county, the name after the address",
      "重庆市云阳县双江街道滨江路12号 孙七 15912345678",
      r("孙七", "15912345678", "重庆市", "重庆市", "云阳县", "双江街道滨江路12号"),
    ],
    [
      "Tianjin by its short name, every part its own word",
      "天津 滨海新区 第二大街 57号 周八 18612345678",
      r("周八", "18612345678", "天津市", "天津市", "滨海新区", "第二大街57号"),
    ],
    [
      "Inner Mongolia, commas, the name between address and postcode",
      "内蒙古自治区呼和浩特市赛罕区大学西街235号，吴九，13212345678，010021",
      r("吴九", "13212345678", "内蒙古自治区", "呼和浩特市", "赛罕区", "大学西街235号", "010021"),
    ],
    [
      "Guangxi's long name",
      "广西壮族自治区南宁市青秀区民族大道136号 郑十 17712345678",
      r("郑十", "17712345678", "广西壮族自治区", "南宁市", "青秀区", "民族大道136号"),
    ],
    [
      "Xinjiang: a 地区 and a county-level city",
      "新疆维吾尔自治区阿克苏地区库车市天山路8号 买买提 13912345678",
      r("买买提", "13912345678", "新疆维吾尔自治区", "阿克苏地区", "库车市", "天山路8号"),
    ],
    [
      "full-width digits and colon, the name glued to the phone, a labelled postcode",
      "钱一１３８１２３４５６７８，贵州省贵阳市南明区花果园大街１８号，邮编：５５０００２",
      r("钱一", "13812345678", "贵州省", "贵阳市", "南明区", "花果园大街18号", "550002"),
    ],
    [
      "+86 and dashes, the name before the address",
      "+86 138-1234-5678 陈二 福建省厦门市思明区鹭江道8号",
      r("陈二", "13812345678", "福建省", "厦门市", "思明区", "鹭江道8号"),
    ],
    [
      "province and city without 省 and 市",
      "林三 15812345678 广东 深圳 南山区 科技园南区1栋",
      r("林三", "15812345678", "广东省", "深圳", "南山区", "科技园南区1栋"),
    ],
    [
      "a marketplace's empty field and its 000000 for no postcode",
      "何四，13812345678，，湖南省 长沙市 岳麓区 麓山南路2号，000000",
      r("何四", "13812345678", "湖南省", "长沙市", "岳麓区", "麓山南路2号"),
    ],
    [
      "an autonomous prefecture and a city under it",
      "贵州省黔东南苗族侗族自治州凯里市北京东路9号 杨五 13612345678",
      r("杨五", "13612345678", "贵州省", "黔东南苗族侗族自治州", "凯里市", "北京东路9号"),
    ],
    [
      "one field a line, as WeChat shares an address",
      "冯六\n13512345678\n四川省 成都市 武侯区 人民南路四段1号",
      r("冯六", "13512345678", "四川省", "成都市", "武侯区", "人民南路四段1号"),
    ],
    [
      "the name glued to the province",
      "褚七广东省佛山市顺德区大良街道 13812345678",
      r("褚七", "13812345678", "广东省", "佛山市", "顺德区", "大良街道"),
    ],
    [
      "a landline with its area code",
      "卫八 0851-86881234 贵州省贵阳市云岩区中华北路1号",
      r("卫八", "0851-86881234", "贵州省", "贵阳市", "云岩区", "中华北路1号"),
    ],
    [
      "labels on their own lines with full-width colons and 地址",
      "姓名：蒋九\n电话：13912345678\n地址：江苏省南京市鼓楼区中山路1号",
      r("蒋九", "13912345678", "江苏省", "南京市", "鼓楼区", "中山路1号"),
    ],
    [
      "吉林市 in 吉林省",
      "吉林省吉林市船营区北京路10号 沈十 13012345678",
      r("沈十", "13012345678", "吉林省", "吉林市", "船营区", "北京路10号"),
    ],
    [
      "a one-character county, a 小区 that is not a district",
      "韩一 13812345678 安徽省黄山市歙县徽城镇阳光小区3栋",
      r("韩一", "13812345678", "安徽省", "黄山市", "歙县", "徽城镇阳光小区3栋"),
    ],
    [
      "no district: a street that merely contains 旗 or 市 is not one",
      "曹三 13812345678 广东省广州市红旗路5号城市花园",
      r("曹三", "13812345678", "广东省", "广州市", "", "红旗路5号城市花园"),
    ],
    [
      "a district whose name starts with 市",
      "严四 13812345678 山东省济南市市中区经七路1号",
      r("严四", "13812345678", "山东省", "济南市", "市中区", "经七路1号"),
    ],
    [
      "no province: the city and district are still found",
      "秦二 13812345678 杭州市西湖区文三路90号",
      r("秦二", "13812345678", "", "杭州市", "西湖区", "文三路90号"),
    ],
    [
      "Latin words in the street keep their spaces",
      "Lucy 13812345678 上海市静安区南京西路1266号 Plaza 66 2001室",
      r("Lucy", "13812345678", "上海市", "上海市", "静安区", "南京西路1266号Plaza 66 2001室"),
    ],
  ])("%s", (_what, text, expected) => {
    expect(parseRecipient(text)).toEqual(expected);
  });

  it("gives empty fields for an empty paste", () => {
    expect(parseRecipient("")).toEqual(r("", "", "", "", "", ""));
    expect(parseRecipient("   \n ")).toEqual(r("", "", "", "", "", ""));
  });

  it("leaves what it cannot place to the owner: a phone alone, a name alone", () => {
    expect(parseRecipient("13812345678")).toEqual(r("", "13812345678", "", "", "", ""));
    expect(parseRecipient("张三")).toEqual(r("张三", "", "", "", "", ""));
  });
});

describe("parseRegion", () => {
  it("splits a region the labelled form gives", () => {
    expect(parseRegion("重庆市 重庆市 渝中区 解放碑")).toEqual({ province: "重庆市", city: "重庆市", district: "渝中区", street: "解放碑" });
    expect(parseRegion("内蒙古自治区锡林郭勒盟锡林浩特市额尔敦路")).toEqual({
      province: "内蒙古自治区",
      city: "锡林郭勒盟",
      district: "锡林浩特市",
      street: "额尔敦路",
    });
    expect(parseRegion("北京 市辖区 东城区")).toEqual({ province: "北京市", city: "北京市", district: "东城区", street: "" });
  });
});
