export * from "./organizations";
export * from "./people";
export * from "./audit";
export * from "./sign-in";
export * from "./rate-limits";
export * from "./sessions";
export * from "./company-credentials";
export * from "./api-keys";
