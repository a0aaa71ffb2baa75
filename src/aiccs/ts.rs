//! TypeScript for the aiccs operations.
pub fn render() -> String {
    String::new()
}
