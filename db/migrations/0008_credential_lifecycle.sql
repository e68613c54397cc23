ALTER TABLE "company_credentials" ADD COLUMN "secret_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "company_credentials" ADD COLUMN "previous_secret_hash" text;--> statement-breakpoint
ALTER TABLE "company_credentials" ADD COLUMN "previous_secret_prefix" text;--> statement-breakpoint
ALTER TABLE "company_credentials" ADD COLUMN "previous_secret_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "company_credentials" ADD COLUMN "rolled_by_id" uuid;--> statement-breakpoint
ALTER TABLE "company_credentials" ADD COLUMN "rolled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "oauth_access_tokens" ADD COLUMN "secret_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "allowed_ips" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "company_credentials" ADD CONSTRAINT "company_credentials_rolled_by_id_users_id_fk" FOREIGN KEY ("rolled_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_credentials" ADD CONSTRAINT "company_credentials_previous_secret_complete" CHECK (("company_credentials"."previous_secret_hash" is null) = ("company_credentials"."previous_secret_expires_at" is null));