//! "Did you mean": the closest known name to one that is not known (an action, a field, an
//! argument, an option).

/// The closest known name, for "did you mean" hints: equal once case and separators are
/// ignored, or else at most two edits away (names over 64 characters are not compared, so
/// a hostile key costs nothing).
pub fn suggest<'a>(wanted: &str, names: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase()
    };
    let w = norm(wanted);
    if w.is_empty() || w.len() > 64 {
        return None;
    }
    let mut best: Option<(usize, &'a str)> = None;
    for name in names {
        let d = edit_distance(w.as_bytes(), norm(name).as_bytes());
        if d <= 2 && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, name));
        }
    }
    best.map(|(_, n)| n)
}

/// Levenshtein distance over bytes, one row at a time.
fn edit_distance(a: &[u8], b: &[u8]) -> usize {
    if b.len() > 64 {
        return usize::MAX;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &x) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &y) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(x != y)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}
