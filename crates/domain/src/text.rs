//! Sorting and finding Chinese names the way Chinese users expect: by pinyin.
//!
//! Unicode code-point order puts 刘 before 王 before 张 for no reason a person knows; pinyin order
//! (liu, wang, zhang) is what every Chinese address book uses. Searching by pinyin initials
//! ("wdg" finds 王德贵) is how people find names without switching input methods.

use pinyin::ToPinyin;

/// A key that sorts names in pinyin order: syllables separated by spaces, other characters
/// lowercased and kept as they are ("王德贵" → "wang de gui", "Kiwi 5斤" → "kiwi 5 jin").
pub fn sort_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len() * 2);
    for (c, pinyin) in text.chars().zip(text.to_pinyin()) {
        match pinyin {
            Some(p) => {
                if !key.is_empty() && !key.ends_with(' ') {
                    key.push(' ');
                }
                key.push_str(p.plain());
                key.push(' ');
            }
            None => key.extend(c.to_lowercase()),
        }
    }
    key.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a search looks in besides the name itself: the full pinyin without spaces and the
/// initials ("王德贵" → "wangdegui wdg").
pub fn search_key(text: &str) -> String {
    let mut full = String::new();
    let mut initials = String::new();
    for (c, pinyin) in text.chars().zip(text.to_pinyin()) {
        match pinyin {
            Some(p) => {
                full.push_str(p.plain());
                initials.push_str(p.first_letter());
            }
            None if c.is_alphanumeric() => {
                full.extend(c.to_lowercase());
                initials.extend(c.to_lowercase());
            }
            None => {}
        }
    }
    format!("{full} {initials}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_by_pinyin() {
        let mut names = vec![
            "王德贵",
            "刘家顺",
            "张志强",
            "李桂芬",
            "陈玉兰",
            "杨光明",
            "吴春花",
        ];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(
            names,
            [
                "陈玉兰",
                "李桂芬",
                "刘家顺",
                "王德贵",
                "吴春花",
                "杨光明",
                "张志强"
            ]
        );
        assert_eq!(sort_key("王德贵"), "wang de gui");
        assert_eq!(sort_key("猕猴桃 5斤装"), "mi hou tao 5 jin zhuang");
    }

    #[test]
    fn search_keys_hold_full_pinyin_and_initials() {
        assert_eq!(search_key("王德贵"), "wangdegui wdg");
        assert_eq!(search_key("Kiwi 5斤"), "kiwi5jin kiwi5j");
    }
}
