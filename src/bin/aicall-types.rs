//! Prints the npm package's `types.d.ts` (see `aicall::types_ts`).
fn main() {
    print!("{}", aicall::types_ts::render());
}
