//! "Did you mean": the closest known name to one that is not known (an action, a field, an
//! argument, an option).

/// The closest known name, for "did you mean" hints: equal once case and separators are
/// ignored, or else at most two edits away (names over 64 characters are not compared, so
/// a hostile key costs nothing).
/// What `paginate` says of a `name` it cannot walk: `NotPaged` when an operation has that
/// name (`exists`), else unknown, with the nearest paged name (else the nearest of all).
pub fn not_paged_problem<'a>(
    name: &str,
    exists: bool,
    paged: impl Iterator<Item = &'a str>,
    all: impl Iterator<Item = &'a str>,
) -> crate::issue::Problem {
    if exists {
        return crate::issue::Problem::NotPaged;
    }
    let hint = suggest(name, paged).or_else(|| suggest(name, all));
    crate::issue::Problem::UnknownAction {
        hint: hint.map(String::from),
    }
}

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
    let group = SYNONYMS.iter().find(|g| g.contains(&w.as_str()));
    // (distance, not an abbreviation of it, name): the nearest; on a tie, the name `wanted`
    // abbreviates (`PageSz`: PageSize, not PageNo, both two edits away).
    let mut best: Option<(usize, bool, &'a str)> = None;
    for name in names {
        let n = norm(name);
        // A synonym counts as one edit: a name equal but for case and separators still wins.
        let d = if group.is_some_and(|g| g.contains(&n.as_str())) && n != w {
            1
        } else {
            edit_distance(w.as_bytes(), n.as_bytes())
        };
        let key = (d, !abbreviates(w.as_bytes(), n.as_bytes()));
        if d <= 2 && best.is_none_or(|(b, x, _)| key < (b, x)) {
            best = Some((key.0, key.1, name));
        }
    }
    best.map(|(_, _, n)| n)
}

/// Names that mean the same across the two APIs' and Alibaba Cloud's other products'
/// spellings (lower case, no separators): aiccs pages with `PageNo`, `PageNumber` or
/// `CurrentPage` depending on the operation.
const SYNONYMS: &[&[&str]] = &[
    &[
        "pageno",
        "pagenumber",
        "currentpage",
        "pagenum",
        "pageindex",
        "page",
    ],
    &["pagesize", "perpage", "maxresults"],
];

/// Whether `short` is `long` with letters left out (in order).
fn abbreviates(short: &[u8], long: &[u8]) -> bool {
    let mut rest = long.iter();
    short.iter().all(|c| rest.any(|l| l == c))
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
