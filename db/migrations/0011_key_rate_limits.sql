ALTER TABLE "organizations" ADD COLUMN "personal_key_rate_limit" jsonb;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "rate_limit" jsonb;