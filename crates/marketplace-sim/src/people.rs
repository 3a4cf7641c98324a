//! Made-up buyers who look like real ones: Chinese names, real provinces, cities, districts and
//! post codes, streets, mobile numbers, masked nicks and the odd message to the seller.

use rand::rngs::SmallRng;
use rand::Rng;

use crate::model::Receiver;

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "韩", "冯", "邓", "曹", "彭", "欧阳",
    "司马",
];

const GIVEN: &[&str] = &[
    "芳", "伟", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
    "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "晓东", "玉兰", "子涵", "浩然",
    "欣怡", "雨桐", "志强", "海燕", "红梅", "国庆", "文博", "思远",
];

/// Province, city, post code and districts.
const PLACES: &[(&str, &str, &str, &[&str])] = &[
    (
        "浙江省",
        "杭州市",
        "310000",
        &["西湖区", "拱墅区", "余杭区", "滨江区"],
    ),
    (
        "浙江省",
        "宁波市",
        "315000",
        &["海曙区", "鄞州区", "江北区"],
    ),
    (
        "广东省",
        "广州市",
        "510000",
        &["天河区", "越秀区", "海珠区", "番禺区"],
    ),
    (
        "广东省",
        "深圳市",
        "518000",
        &["南山区", "福田区", "宝安区", "龙岗区"],
    ),
    (
        "北京",
        "北京市",
        "100000",
        &["朝阳区", "海淀区", "东城区", "丰台区"],
    ),
    (
        "上海",
        "上海市",
        "200000",
        &["浦东新区", "徐汇区", "静安区", "闵行区"],
    ),
    ("天津", "天津市", "300000", &["和平区", "南开区", "河西区"]),
    (
        "重庆",
        "重庆市",
        "400000",
        &["渝中区", "江北区", "南岸区", "沙坪坝区"],
    ),
    (
        "四川省",
        "成都市",
        "610000",
        &["武侯区", "锦江区", "青羊区", "成华区"],
    ),
    (
        "贵州省",
        "贵阳市",
        "550000",
        &["云岩区", "南明区", "观山湖区", "花溪区"],
    ),
    (
        "贵州省",
        "遵义市",
        "563000",
        &["红花岗区", "汇川区", "播州区"],
    ),
    (
        "江苏省",
        "南京市",
        "210000",
        &["鼓楼区", "玄武区", "建邺区", "秦淮区"],
    ),
    (
        "江苏省",
        "苏州市",
        "215000",
        &["姑苏区", "工业园区", "吴中区"],
    ),
    (
        "湖北省",
        "武汉市",
        "430000",
        &["武昌区", "洪山区", "江汉区", "江岸区"],
    ),
    (
        "湖南省",
        "长沙市",
        "410000",
        &["岳麓区", "芙蓉区", "天心区", "雨花区"],
    ),
    (
        "山东省",
        "济南市",
        "250000",
        &["历下区", "市中区", "槐荫区"],
    ),
    (
        "山东省",
        "青岛市",
        "266000",
        &["市南区", "崂山区", "黄岛区"],
    ),
    (
        "陕西省",
        "西安市",
        "710000",
        &["雁塔区", "碑林区", "未央区"],
    ),
    (
        "福建省",
        "厦门市",
        "361000",
        &["思明区", "湖里区", "集美区"],
    ),
    (
        "河南省",
        "郑州市",
        "450000",
        &["金水区", "二七区", "中原区"],
    ),
    (
        "云南省",
        "昆明市",
        "650000",
        &["五华区", "盘龙区", "官渡区"],
    ),
    (
        "辽宁省",
        "沈阳市",
        "110000",
        &["和平区", "沈河区", "皇姑区"],
    ),
];

const STREETS: &[&str] = &[
    "人民路",
    "中山路",
    "解放路",
    "建设路",
    "文化路",
    "新华路",
    "长江路",
    "黄河路",
    "和平路",
    "胜利路",
    "学府路",
    "科技路",
    "文三路",
    "南京路",
    "滨江大道",
    "青年路",
    "光明街",
    "幸福大街",
];

const ESTATES: &[&str] = &[
    "阳光花园",
    "幸福里小区",
    "金色家园",
    "翠苑",
    "锦绣华庭",
    "梧桐苑",
    "绿城桂花园",
    "万科城",
    "碧桂园",
    "新村",
];

const MOBILE_PREFIXES: &[&str] = &[
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
    "156", "157", "158", "159", "177", "180", "181", "186", "187", "188", "189", "199",
];

const NICK_STARTS: &[&str] = &[
    "t", "小", "阿", "z", "快", "l", "风", "猫", "j", "大", "w", "甜",
];
const NICK_ENDS: &[&str] = &[
    "1", "8", "子", "儿", "a", "6", "宝", "9", "y", "花", "3", "哥",
];

const MESSAGES: &[&str] = &[
    "请尽快发货",
    "周末送货，工作日家里没人",
    "麻烦包装结实一点，上次有压坏的",
    "要软一点的，买来就吃",
    "送人的，不要放价格单",
    "顺丰可以吗？补运费",
    "不要辣的太多",
];

fn pick<'a>(rng: &mut SmallRng, items: &[&'a str]) -> &'a str {
    items[rng.gen_range(0..items.len())]
}

pub(crate) fn name(rng: &mut SmallRng) -> String {
    format!("{}{}", pick(rng, SURNAMES), pick(rng, GIVEN))
}

pub(crate) fn mobile(rng: &mut SmallRng) -> String {
    format!(
        "{}{:08}",
        pick(rng, MOBILE_PREFIXES),
        rng.gen_range(0..100_000_000u32)
    )
}

pub(crate) fn receiver(rng: &mut SmallRng) -> Receiver {
    let name = name(rng);
    let mobile = mobile(rng);
    let (state, city, zip, districts) = PLACES[rng.gen_range(0..PLACES.len())];
    let district = pick(rng, districts);
    let address = if rng.gen_bool(0.5) {
        format!("{}{}号", pick(rng, STREETS), rng.gen_range(1..400))
    } else {
        format!(
            "{}{}号{}{}栋{}单元{}{:02}室",
            pick(rng, STREETS),
            rng.gen_range(1..400),
            pick(rng, ESTATES),
            rng.gen_range(1..30),
            rng.gen_range(1..6),
            rng.gen_range(1..33),
            rng.gen_range(1..5)
        )
    };
    Receiver {
        name,
        mobile,
        state: state.to_string(),
        city: city.to_string(),
        district: district.to_string(),
        address,
        zip: zip.to_string(),
    }
}

/// The platform shows buyer nicks masked: first and last character only.
pub(crate) fn buyer_nick(rng: &mut SmallRng) -> String {
    format!("{}**{}", pick(rng, NICK_STARTS), pick(rng, NICK_ENDS))
}

/// Mostly nothing; now and then a wish.
pub(crate) fn buyer_message(rng: &mut SmallRng) -> String {
    if rng.gen_bool(0.2) {
        pick(rng, MESSAGES).to_string()
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;

    use super::*;

    #[test]
    fn receivers_look_real() {
        let mut rng = SmallRng::seed_from_u64(7);
        for _ in 0..200 {
            let r = receiver(&mut rng);
            assert!(
                r.name.chars().count() >= 2 && r.name.chars().count() <= 4,
                "{}",
                r.name
            );
            assert_eq!(r.mobile.len(), 11, "{}", r.mobile);
            assert!(r.mobile.starts_with('1') && r.mobile.bytes().all(|b| b.is_ascii_digit()));
            assert_eq!(r.zip.len(), 6);
            assert!(r.address.contains('号'));
            assert!(PLACES.iter().any(|(s, c, _, d)| *s == r.state
                && *c == r.city
                && d.contains(&r.district.as_str())));
        }
    }
}
