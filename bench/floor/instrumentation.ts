// Nothing to start: without a file of its own here, the build would take the repository's (Keyward's) start-up.
export function register(): void {}
