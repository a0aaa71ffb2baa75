//! The crate's sorts. core's `sort` is ~3.5 KB of wasm per element type (its driftsort and
//! small-sort kernels); these are a few hundred bytes each.

/// In place, O(n log n) comparisons and no allocation, whatever the input. Not stable: for
/// values whose equal elements are indistinguishable (the integers it sorts).
pub fn heapsort<T: Ord>(v: &mut [T]) {
    fn sift<T: Ord>(v: &mut [T], mut root: usize, end: usize) {
        loop {
            let mut child = 2 * root + 1;
            if child >= end {
                return;
            }
            if child + 1 < end && v[child] < v[child + 1] {
                child += 1;
            }
            if v[root] >= v[child] {
                return;
            }
            v.swap(root, child);
            root = child;
        }
    }
    for i in (0..v.len() / 2).rev() {
        sift(v, i, v.len());
    }
    for end in (1..v.len()).rev() {
        v.swap(0, end);
        sift(v, 0, end);
    }
}

/// `(name, value)` pairs in byte order (as `sort` orders them): the canonical order of a
/// signed query. A bottom-up merge sort of their indexes, then one move of each pair: a
/// heapsort of the pairs themselves took 2.5 times core's time on a million list items
/// (cache misses on every swap); this takes 1.3 times (`Aiccs#buildRequest` of a
/// 10^6-item flat list: 1.0 s against 0.75 s), for 1.3 KB less gzip.
pub fn sort_pairs(v: &mut Vec<(String, String)>) {
    // A signed query has a dozen pairs or so: sorted in place (stable, no allocation); the
    // merge below keeps a million-item flat list n log n.
    if v.len() <= 32 {
        for i in 1..v.len() {
            let mut j = i;
            while j > 0 && v[j] < v[j - 1] {
                v.swap(j, j - 1);
                j -= 1;
            }
        }
        return;
    }
    let order = merge_order(v.len(), &|a, b| v[a] < v[b]);
    let mut slots: Vec<Option<(String, String)>> =
        std::mem::take(v).into_iter().map(Some).collect();
    v.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// The indexes `0..n` in the order `less` gives, equal ones kept in index order. One
/// comparison type for every caller (`dyn`): one copy of the loop in the module.
fn merge_order(n: usize, less: &dyn Fn(usize, usize) -> bool) -> Vec<usize> {
    let mut a: Vec<usize> = (0..n).collect();
    let mut b = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut l, mut r) = (start, mid);
            for slot in &mut b[start..end] {
                // The left run wins ties: stable.
                let take_left = l < mid && (r >= end || !less(a[r], a[l]));
                *slot = if take_left { a[l] } else { a[r] };
                if take_left {
                    l += 1
                } else {
                    r += 1
                }
            }
            start = end;
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    a
}

#[cfg(test)]
mod tests {
    use super::{heapsort, merge_order, sort_pairs};

    #[test]
    fn sorts_integers() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for n in [0, 1, 2, 3, 7, 16, 17, 100, 1000] {
            let mut v: Vec<u64> = (0..n)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    seed % 50
                })
                .collect();
            let mut want = v.clone();
            want.sort();
            heapsort(&mut v);
            assert_eq!(v, want);
        }
    }

    #[test]
    fn sorts_pairs_as_core_does() {
        let mut seed = 7u64;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % 6
        };
        for n in [0, 1, 2, 5, 31, 32, 33, 34, 500] {
            let mut v: Vec<(String, String)> = (0..n)
                .map(|_| (format!("K.{}", next()), format!("{}", next())))
                .collect();
            let mut want = v.clone();
            want.sort();
            let mut heap = v.clone();
            heapsort(&mut heap);
            assert_eq!(heap, want);
            sort_pairs(&mut v);
            assert_eq!(v, want);
        }
    }

    #[test]
    fn merge_order_is_stable() {
        let keys = [3, 1, 3, 0, 1, 3, 2, 0, 1];
        let order = merge_order(keys.len(), &|a, b| keys[a] < keys[b]);
        assert_eq!(order, vec![3, 7, 1, 4, 8, 6, 0, 2, 5]);
        for n in 0..40 {
            let keys: Vec<usize> = (0..n).map(|i| (i * 7 + 3) % 5).collect();
            let mut want: Vec<usize> = (0..n).collect();
            want.sort_by_key(|&i| keys[i]);
            assert_eq!(merge_order(n, &|a, b| keys[a] < keys[b]), want, "n = {n}");
        }
    }
}
