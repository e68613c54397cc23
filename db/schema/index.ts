export * from "./organizations";
export * from "./people";
export * from "./audit";
export * from "./sign-in";
export * from "./rate-limits";
export * from "./personal-api-keys";
export * from "./webhooks";
