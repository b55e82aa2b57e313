CREATE TABLE "attempt_rollups" (
	"workspace_id" text NOT NULL,
	"cuboid" text NOT NULL,
	"grain" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"project" text NOT NULL,
	"model" text NOT NULL,
	"tags" text[] NOT NULL,
	"resolution" text NOT NULL,
	"duration" text NOT NULL,
	"creator" text NOT NULL,
	"attempts" bigint NOT NULL,
	"kept" bigint NOT NULL,
	"rejected" bigint NOT NULL,
	"failed" bigint NOT NULL,
	"pending" bigint NOT NULL,
	"spend_micros" bigint NOT NULL,
	"decided_spend_micros" bigint NOT NULL,
	"kept_spend_micros" bigint NOT NULL,
	"kept_seconds" numeric NOT NULL,
	"generation_seconds" numeric NOT NULL,
	"timed_attempts" bigint NOT NULL,
	CONSTRAINT "attempt_rollups_pk" PRIMARY KEY("workspace_id","cuboid","grain","bucket","project","model","tags","resolution","duration","creator")
);
--> statement-breakpoint
CREATE TABLE "rollup_deltas" (
	"workspace_id" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"project" text NOT NULL,
	"model" text NOT NULL,
	"tags" text[] NOT NULL,
	"resolution" text NOT NULL,
	"duration" text NOT NULL,
	"creator" text NOT NULL,
	"attempts" bigint NOT NULL,
	"kept" bigint NOT NULL,
	"rejected" bigint NOT NULL,
	"failed" bigint NOT NULL,
	"pending" bigint NOT NULL,
	"spend_micros" bigint NOT NULL,
	"decided_spend_micros" bigint NOT NULL,
	"kept_spend_micros" bigint NOT NULL,
	"kept_seconds" numeric NOT NULL,
	"generation_seconds" numeric NOT NULL,
	"timed_attempts" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shot_deltas" (
	"workspace_id" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"project" text NOT NULL,
	"model" text NOT NULL,
	"tags" text[] NOT NULL,
	"takes_to_first_keep" integer NOT NULL,
	"state" text NOT NULL,
	"shots" bigint NOT NULL,
	"takes" bigint NOT NULL,
	"cost_to_first_keep_micros" bigint NOT NULL,
	"spend_micros" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shot_rollups" (
	"workspace_id" text NOT NULL,
	"cuboid" text NOT NULL,
	"grain" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"project" text NOT NULL,
	"model" text NOT NULL,
	"tags" text[] NOT NULL,
	"takes_to_first_keep" integer NOT NULL,
	"state" text NOT NULL,
	"shots" bigint NOT NULL,
	"takes" bigint NOT NULL,
	"cost_to_first_keep_micros" bigint NOT NULL,
	"spend_micros" bigint NOT NULL,
	CONSTRAINT "shot_rollups_pk" PRIMARY KEY("workspace_id","cuboid","grain","bucket","project","model","tags","takes_to_first_keep","state")
);
--> statement-breakpoint
CREATE TABLE "shots" (
	"workspace_id" text NOT NULL,
	"shot_id" text NOT NULL,
	"project" text NOT NULL,
	"model" text NOT NULL,
	"tags" text[] NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"takes" integer NOT NULL,
	"takes_to_first_keep" integer,
	"cost_to_first_keep_micros" bigint,
	"spend_micros" bigint NOT NULL,
	"pending_takes" integer NOT NULL,
	CONSTRAINT "shots_workspace_id_shot_id_pk" PRIMARY KEY("workspace_id","shot_id")
);
--> statement-breakpoint
CREATE INDEX "attempt_rollups_project_idx" ON "attempt_rollups" USING btree ("workspace_id","cuboid","grain","project","bucket");--> statement-breakpoint
CREATE INDEX "rollup_deltas_hour_idx" ON "rollup_deltas" USING btree ("workspace_id","hour");--> statement-breakpoint
CREATE INDEX "shot_deltas_hour_idx" ON "shot_deltas" USING btree ("workspace_id","hour");--> statement-breakpoint
CREATE INDEX "shot_rollups_project_idx" ON "shot_rollups" USING btree ("workspace_id","cuboid","grain","project","bucket");--> statement-breakpoint
CREATE INDEX "shots_first_at_idx" ON "shots" USING btree ("workspace_id","first_at");--> statement-breakpoint
CREATE INDEX "attempts_shot_idx" ON "attempts" USING btree ("workspace_id","shot_id","created_at","id") WHERE "attempts"."shot_id" is not null;--> statement-breakpoint
CREATE INDEX "attempts_pending_idx" ON "attempts" USING btree ("workspace_id","created_at") WHERE "attempts"."status" = 'succeeded' and "attempts"."verdict" = 'pending';