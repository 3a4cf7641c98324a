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

// Messages as buyers really write them on WeChat or copy them from an address card, one case a
// kind of place: the four municipalities, autonomous regions, 自治州 and 盟, a city with no
// districts, labels with and without colons, full-width punctuation, postcodes in brackets.
describe("parseRecipient on WeChat messages", () => {
  it.each([
    [
      "one line: name, phone, address glued together",
      "张三 13800138000 贵州省贵阳市云岩区中华北路88号3单元",
      r("张三", "13800138000", "贵州省", "贵阳市", "云岩区", "中华北路88号3单元"),
    ],
    [
      "labels a line each, a phone in dashes, the postcode in brackets",
      "收货人：李四\n手机：139-0013-9000\n地址：四川省 成都市 武侯区 人民南路四段27号 (610041)",
      r("李四", "13900139000", "四川省", "成都市", "武侯区", "人民南路四段27号", "610041"),
    ],
    [
      "the address card WeChat and Taobao copy",
      "李四，13900139000，四川省 成都市 武侯区 人民南路四段27号，610041",
      r("李四", "13900139000", "四川省", "成都市", "武侯区", "人民南路四段27号", "610041"),
    ],
    [
      "Beijing by labels, +86 in groups, 北京市 twice, a 邮编 line",
      "收件人：王建国\n电话：+86 186 1234 5678\n所在地区：北京市 北京市 海淀区\n详细地址：中关村大街27号院3号楼502室\n邮编：100080",
      r("王建国", "18612345678", "北京市", "北京市", "海淀区", "中关村大街27号院3号楼502室", "100080"),
    ],
    [
      "Shanghai, a full-width bracketed postcode, the phone last",
      "赵敏 上海市闵行区七宝镇漕宝路3366号（201101） 135 1234 5678",
      r("赵敏", "13512345678", "上海市", "上海市", "闵行区", "七宝镇漕宝路3366号", "201101"),
    ],
    [
      "Chongqing twice and an autonomous county, the name after the address",
      "重庆市 重庆市 石柱土家族自治县 南宾镇城南路8号 谭大姐 158-2345-6789",
      r("谭大姐", "15823456789", "重庆市", "重庆市", "石柱土家族自治县", "南宾镇城南路8号"),
    ],
    [
      "Ningxia, an autonomous region",
      "宁夏回族自治区银川市兴庆区解放东街100号 马福 13909512345",
      r("马福", "13909512345", "宁夏回族自治区", "银川市", "兴庆区", "解放东街100号"),
    ],
    [
      "Tibet, full-width commas",
      "西藏自治区拉萨市城关区北京中路20号，次仁，13989012345",
      r("次仁", "13989012345", "西藏自治区", "拉萨市", "城关区", "北京中路20号"),
    ],
    [
      "an autonomous prefecture and the city under it",
      "云南省大理白族自治州大理市下关镇人民南路5号 段阿姨 13887212345",
      r("段阿姨", "13887212345", "云南省", "大理白族自治州", "大理市", "下关镇人民南路5号"),
    ],
    [
      "a Xinjiang prefecture",
      "阿依古丽 13999912345 新疆伊犁哈萨克自治州伊宁市解放路1号",
      r("阿依古丽", "13999912345", "新疆维吾尔自治区", "伊犁哈萨克自治州", "伊宁市", "解放路1号"),
    ],
    [
      "a city with no districts: the town goes in the street",
      "广东省东莞市长安镇振安中路100号 刘生 13712345678",
      r("刘生", "13712345678", "广东省", "东莞市", "", "长安镇振安中路100号"),
    ],
    [
      "a county straight after the province (no city given)",
      "黄伯 13608512345 贵州省 修文县 扎佐镇猕猴桃基地",
      r("黄伯", "13608512345", "贵州省", "", "修文县", "扎佐镇猕猴桃基地"),
    ],
    [
      "labels after semicolons, full-width digits, the postcode bracketed in the address",
      "收货人：周芳；电话：１３６ ２２２２ ３３３３；地址：浙江省杭州市西湖区文三路90号【310012】",
      r("周芳", "13622223333", "浙江省", "杭州市", "西湖区", "文三路90号", "310012"),
    ],
    [
      "a Taobao card with 86- and 000000",
      "王芳，86-13712345678，广东省 广州市 天河区 天河路385号太古汇，000000",
      r("王芳", "13712345678", "广东省", "广州市", "天河区", "天河路385号太古汇"),
    ],
    [
      "a chatty first line, then the labels",
      "老板，我要两箱猕猴桃\n收货人：陈静\n手机号：158 1234 5678\n所在地区：湖南省长沙市岳麓区\n详细地址：麓山南路932号",
      r("陈静", "15812345678", "湖南省", "长沙市", "岳麓区", "麓山南路932号"),
    ],
    [
      "labels typed without colons",
      "姓名 黄磊 电话 13912345678 地址 江苏省苏州市姑苏区平江路50号",
      r("黄磊", "13912345678", "江苏省", "苏州市", "姑苏区", "平江路50号"),
    ],
    [
      "a 盟 and a 旗 in Inner Mongolia, the name last",
      "内蒙古 阿拉善盟 阿拉善左旗 巴彦浩特镇土尔扈特路6号 13804831234 巴特尔",
      r("巴特尔", "13804831234", "内蒙古自治区", "阿拉善盟", "阿拉善左旗", "巴彦浩特镇土尔扈特路6号"),
    ],
    [
      "the labels of a phone order written down: 联系电话 with a landline, 收货地址",
      "联系人：孙老师\n联系电话：(0851) 8688-1234\n收货地址：贵州省贵阳市观山湖区长岭北路55号",
      r("孙老师", "0851-86881234", "贵州省", "贵阳市", "观山湖区", "长岭北路55号"),
    ],
  ])("%s", (_what, text, expected) => {
    expect(parseRecipient(text)).toEqual(expected);
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
