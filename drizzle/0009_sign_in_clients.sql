DROP INDEX "sign_in_failures_idx";--> statement-breakpoint
ALTER TABLE "sign_in_failures" ADD COLUMN "client" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "sign_in_failures_client_idx" ON "sign_in_failures" USING btree ("client","at");--> statement-breakpoint
CREATE INDEX "sign_in_failures_idx" ON "sign_in_failures" USING btree ("email","client","at");