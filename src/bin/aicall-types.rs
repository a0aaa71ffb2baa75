//! Prints the npm package's `types.d.ts` (see `aicall::types_ts`), or with
//! `--class-methods` the declarations merged into the generated `Aiccs` class.
fn main() {
    if std::env::args().any(|a| a == "--class-methods") {
        print!("{}", aicall::aiccs::ts::render_class_methods());
    } else {
        print!("{}", aicall::types_ts::render());
    }
}
