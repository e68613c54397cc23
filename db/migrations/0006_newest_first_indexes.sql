DROP INDEX "audit_events_organization_created_idx";--> statement-breakpoint
DROP INDEX "access_logs_organization_created_idx";--> statement-breakpoint
DROP INDEX "access_logs_api_key_created_idx";--> statement-breakpoint
DROP INDEX "api_keys_organization_created_idx";--> statement-breakpoint
DROP INDEX "personal_api_keys_org_user_created_idx";--> statement-breakpoint
DROP INDEX "webhook_deliveries_webhook_created_idx";--> statement-breakpoint
CREATE INDEX "audit_events_organization_created_idx" ON "audit_events" USING btree ("organization_id","created_at","id");--> statement-breakpoint
CREATE INDEX "access_logs_organization_created_idx" ON "access_logs" USING btree ("organization_id","created_at","id");--> statement-breakpoint
CREATE INDEX "access_logs_api_key_created_idx" ON "access_logs" USING btree ("api_key_id","created_at");--> statement-breakpoint
CREATE INDEX "api_keys_organization_created_idx" ON "api_keys" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "personal_api_keys_org_user_created_idx" ON "personal_api_keys" USING btree ("organization_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_webhook_created_idx" ON "webhook_deliveries" USING btree ("webhook_id","created_at");