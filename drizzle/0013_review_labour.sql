ALTER TABLE "attempt_rollups" ADD COLUMN "review_seconds" numeric DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "attempts" ADD COLUMN "review_seconds" double precision;--> statement-breakpoint
ALTER TABLE "rollup_deltas" ADD COLUMN "review_seconds" numeric DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "labor_micros_per_hour" bigint;--> statement-breakpoint
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_review_seconds_check" CHECK ("attempts"."review_seconds" >= 0);--> statement-breakpoint
ALTER TABLE "workspaces" ADD CONSTRAINT "workspaces_labor_rate_check" CHECK ("workspaces"."labor_micros_per_hour" >= 0);--> statement-breakpoint
-- Review labour: the rollup deltas also sum review_seconds over decided attempts (as exact decimals, like
-- the other seconds), so a changed verdict or review time moves the sums in the writing transaction.
-- Attempts stored before this migration have no review time: nothing to add to the folded rollups.
CREATE OR REPLACE FUNCTION keeprate_rollup_deltas_sql(source text) RETURNS text
LANGUAGE sql IMMUTABLE AS $f$
	SELECT format($q$
	INSERT INTO rollup_deltas (workspace_id, hour, project, model, tags, resolution, duration, creator,
		attempts, kept, rejected, failed, pending, spend_micros, decided_spend_micros, kept_spend_micros,
		kept_seconds, generation_seconds, timed_attempts, review_seconds)
	SELECT * FROM (
		SELECT workspace_id, date_trunc('hour', created_at, 'UTC') AS hour, project, model, tags,
			coalesce(resolution, '(unknown)'), keeprate_duration_bucket(duration_seconds),
			coalesce(creator, '(unknown)'),
			sum(sign) AS attempts,
			coalesce(sum(sign) FILTER (WHERE status = 'succeeded' AND verdict = 'keep'), 0) AS kept,
			coalesce(sum(sign) FILTER (WHERE status = 'succeeded' AND verdict = 'reject'), 0) AS rejected,
			coalesce(sum(sign) FILTER (WHERE status = 'failed'), 0) AS failed,
			coalesce(sum(sign) FILTER (WHERE status = 'succeeded' AND verdict = 'pending'), 0) AS pending,
			coalesce(sum(sign * cost_micros), 0) AS spend,
			coalesce(sum(sign * cost_micros) FILTER (WHERE status = 'failed' OR verdict IN ('keep', 'reject')), 0)
				AS decided_spend,
			coalesce(sum(sign * cost_micros) FILTER (WHERE status = 'succeeded' AND verdict = 'keep'), 0)
				AS kept_spend,
			coalesce(sum(sign * duration_seconds::numeric) FILTER (WHERE status = 'succeeded' AND verdict = 'keep'), 0)
				AS kept_seconds,
			coalesce(sum(sign * generation_seconds::numeric), 0) AS generation_seconds,
			coalesce(sum(sign) FILTER (WHERE generation_seconds IS NOT NULL), 0) AS timed,
			coalesce(sum(sign * review_seconds::numeric) FILTER (WHERE status = 'failed' OR verdict IN ('keep', 'reject')), 0)
				AS review_seconds
		FROM (%s) AS changed
		GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
	) AS sums
	WHERE attempts <> 0 OR kept <> 0 OR rejected <> 0 OR failed <> 0 OR pending <> 0 OR spend <> 0
		OR decided_spend <> 0 OR kept_spend <> 0 OR kept_seconds <> 0 OR generation_seconds <> 0 OR timed <> 0
		OR review_seconds <> 0
	$q$, source)
$f$;
