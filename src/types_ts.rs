//! TypeScript declarations generated from the schemas.
