import { z } from "zod";

/** Tokens one report may carry: scanners batch what they find; more than this is not a report but a flood. */
export const MAX_REPORTED_TOKENS = 1000;
/** Bytes a report may have: 1,000 tokens with their URLs fit easily. */
export const MAX_REPORT_BYTES = 256 * 1024;

/** One match, as secret-scanning partners receive them: the token, the pattern that matched, where, on what. */
export const reportedTokenSchema = z.object({
  token: z.string().min(1).max(1024),
  type: z.string().max(200).nullish(),
  url: z.string().max(2048).nullish(),
  source: z.string().max(200).nullish(),
});

export const leakReportSchema = z
  .array(reportedTokenSchema)
  .min(1, "A report lists at least one token.")
  .max(MAX_REPORTED_TOKENS, `A report lists at most ${MAX_REPORTED_TOKENS} tokens.`);

/** The answer for each token: its SHA-256 (hex), the type it was reported as, and whether it is one of ours. */
export const reportedTokenVerdictSchema = z.object({
  token_hash: z.string().meta({ description: "SHA-256 of the reported token, hex." }),
  token_type: z.string().nullable(),
  label: z.enum(["true_positive", "false_positive"]),
});
export type ReportedTokenVerdict = z.infer<typeof reportedTokenVerdictSchema>;
