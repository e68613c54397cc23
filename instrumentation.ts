export async function register() {
  // Node.js only: instrumentation also loads in the edge runtime, which has no database drivers.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/server-start");
  await startServer();
}
