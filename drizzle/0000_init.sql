CREATE TABLE "api_keys" (
	"workspace_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"scopes" text[] DEFAULT ARRAY['ingest','read']::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "attempts" (
	"workspace_id" text NOT NULL,
	"id" text NOT NULL,
	"project" text NOT NULL,
	"model" text NOT NULL,
	"duration_seconds" double precision NOT NULL,
	"resolution" text,
	"cost_micros" bigint NOT NULL,
	"cost_source" text NOT NULL,
	"status" text NOT NULL,
	"verdict" text NOT NULL,
	"reject_reason" text,
	"verdict_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"shot_id" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"tags_source" text,
	"prompt" text,
	"generation_seconds" double precision,
	"creator" text,
	"video_url" text,
	"metadata" jsonb,
	"content_hash" text NOT NULL,
	CONSTRAINT "attempts_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "model_aliases" (
	"workspace_id" text NOT NULL,
	"alias" text NOT NULL,
	"model" text NOT NULL,
	CONSTRAINT "model_aliases_workspace_id_alias_pk" PRIMARY KEY("workspace_id","alias")
);
--> statement-breakpoint
CREATE TABLE "models" (
	"workspace_id" text NOT NULL,
	"model" text NOT NULL,
	"family" text NOT NULL,
	"tier" integer NOT NULL,
	"display_name" text NOT NULL,
	"provider" text NOT NULL,
	"retired_on" date,
	"failed_attempts_billed" boolean DEFAULT false NOT NULL,
	CONSTRAINT "models_workspace_id_model_pk" PRIMARY KEY("workspace_id","model")
);
--> statement-breakpoint
CREATE TABLE "prices" (
	"workspace_id" text NOT NULL,
	"model" text NOT NULL,
	"resolution" text NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"micros_per_second" bigint NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "prices_workspace_id_model_resolution_effective_from_pk" PRIMARY KEY("workspace_id","model","resolution","effective_from")
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"workspace_id" text NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_workspace_id_slug_pk" PRIMARY KEY("workspace_id","slug")
);
--> statement-breakpoint
CREATE TABLE "workspaces" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_aliases" ADD CONSTRAINT "model_aliases_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "models" ADD CONSTRAINT "models_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prices" ADD CONSTRAINT "prices_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_keys_hash_idx" ON "api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "attempts_time_idx" ON "attempts" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "attempts_project_time_idx" ON "attempts" USING btree ("workspace_id","project","created_at");--> statement-breakpoint
CREATE INDEX "attempts_model_time_idx" ON "attempts" USING btree ("workspace_id","model","created_at");--> statement-breakpoint
CREATE INDEX "attempts_tags_idx" ON "attempts" USING gin ("tags");