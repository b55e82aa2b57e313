ALTER TABLE "reason_deltas" ADD COLUMN "review_seconds" numeric DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "reason_rollups" ADD COLUMN "review_seconds" numeric DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "shot_deltas" ADD COLUMN "review_seconds" numeric DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "shot_rollups" ADD COLUMN "review_seconds" numeric DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "shots" ADD COLUMN "review_seconds" numeric DEFAULT '0' NOT NULL;--> statement-breakpoint
-- Review labour of shots and of reject categories (docs/figures.md#review-labour-of-shots-and-reject-categories):
-- a shot sums the review time of its decided takes, and the reason deltas the review time of the attempts
-- they count (decided, not kept), as exact decimals like every seconds sum, in the writing transaction.
--
-- A shot's state from all its takes (0008_deferred_shots.sql), with the review time of its decided takes.
CREATE OR REPLACE FUNCTION keeprate_shot_state(ws text, shot text) RETURNS SETOF shots
LANGUAGE sql STABLE AS $$
	SELECT workspace_id, shot_id, min(project),
		CASE WHEN count(DISTINCT model) = 1 THEN min(model) ELSE '(mixed)' END,
		min(first_tags), min(created_at), count(*)::int,
		(min(take) FILTER (WHERE kept))::int, (min(cost_so_far) FILTER (WHERE kept))::bigint,
		sum(cost_micros)::bigint, (count(*) FILTER (WHERE pending))::int,
		coalesce(sum(review_seconds::numeric) FILTER (WHERE decided), 0)
	FROM (
		SELECT a.workspace_id, a.shot_id, a.project, a.model, a.created_at, a.cost_micros, a.review_seconds,
			(a.status = 'succeeded' AND a.verdict = 'keep') AS kept,
			(a.status = 'succeeded' AND a.verdict = 'pending') AS pending,
			(a.status = 'failed' OR a.verdict IN ('keep', 'reject')) AS decided,
			row_number() OVER w AS take, first_value(a.tags) OVER w AS first_tags,
			sum(a.cost_micros) OVER (w ROWS UNBOUNDED PRECEDING) AS cost_so_far
		FROM attempts AS a
		WHERE a.workspace_id = ws AND a.shot_id = shot
		WINDOW w AS (ORDER BY a.created_at, a.id)
	) AS takes
	GROUP BY workspace_id, shot_id
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION keeprate_shots_upsert_ctes() RETURNS text
LANGUAGE sql IMMUTABLE AS $f$
	SELECT $q$
	fresh AS (SELECT s.* FROM touched AS t, LATERAL keeprate_shot_state(t.workspace_id, t.shot_id) AS s),
	gone AS (
		DELETE FROM shots AS s USING touched AS t
		WHERE s.workspace_id = t.workspace_id AND s.shot_id = t.shot_id
			AND NOT EXISTS (SELECT 1 FROM fresh AS f WHERE f.workspace_id = s.workspace_id AND f.shot_id = s.shot_id)
	),
	saved AS (
		INSERT INTO shots AS s SELECT * FROM fresh ORDER BY workspace_id, shot_id
		ON CONFLICT (workspace_id, shot_id) DO UPDATE SET project = excluded.project, model = excluded.model,
			tags = excluded.tags, first_at = excluded.first_at, takes = excluded.takes,
			takes_to_first_keep = excluded.takes_to_first_keep,
			cost_to_first_keep_micros = excluded.cost_to_first_keep_micros, spend_micros = excluded.spend_micros,
			pending_takes = excluded.pending_takes, review_seconds = excluded.review_seconds
		WHERE (s.project, s.model, s.tags, s.first_at, s.takes, s.takes_to_first_keep,
			s.cost_to_first_keep_micros, s.spend_micros, s.pending_takes, s.review_seconds) IS DISTINCT FROM
			(excluded.project, excluded.model, excluded.tags, excluded.first_at, excluded.takes,
			excluded.takes_to_first_keep, excluded.cost_to_first_keep_micros, excluded.spend_micros,
			excluded.pending_takes, excluded.review_seconds)
		RETURNING 1
	)$q$
$f$;--> statement-breakpoint
-- Writes name the shots they touch; a new review time now changes what a shot is made of.
CREATE OR REPLACE FUNCTION keeprate_attempts_shots_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		INSERT INTO shot_changes (workspace_id, shot_id)
		SELECT DISTINCT workspace_id, shot_id FROM new_rows WHERE shot_id IS NOT NULL;
	ELSIF TG_OP = 'DELETE' THEN
		INSERT INTO shot_changes (workspace_id, shot_id)
		SELECT DISTINCT workspace_id, shot_id FROM old_rows WHERE shot_id IS NOT NULL;
	ELSE
		-- Only writes that change what a shot is made of: not the tagger's bookkeeping, not a rejectReason.
		INSERT INTO shot_changes (workspace_id, shot_id)
		SELECT DISTINCT workspace_id, shot_id FROM (
			SELECT o.workspace_id, o.shot_id FROM old_rows AS o JOIN new_rows AS n USING (workspace_id, id)
			WHERE o.shot_id IS NOT NULL AND (o.shot_id, o.project, o.model, o.tags, o.created_at, o.cost_micros,
				o.status, o.verdict, o.review_seconds) IS DISTINCT FROM (n.shot_id, n.project, n.model, n.tags,
				n.created_at, n.cost_micros, n.status, n.verdict, n.review_seconds)
			UNION ALL
			SELECT n.workspace_id, n.shot_id FROM old_rows AS o JOIN new_rows AS n USING (workspace_id, id)
			WHERE n.shot_id IS NOT NULL AND o.shot_id IS DISTINCT FROM n.shot_id
		) AS touched;
	END IF;
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION keeprate_shot_deltas_sql(source text) RETURNS text
LANGUAGE sql IMMUTABLE AS $f$
	SELECT format($q$
	INSERT INTO shot_deltas (workspace_id, hour, project, model, tags, takes_to_first_keep, state, shots, takes,
		cost_to_first_keep_micros, spend_micros, review_seconds)
	SELECT * FROM (
		SELECT workspace_id, date_trunc('hour', first_at, 'UTC'), project, model, tags,
			coalesce(takes_to_first_keep, 0),
			CASE WHEN takes_to_first_keep IS NOT NULL THEN 'kept' WHEN pending_takes > 0 THEN 'review'
				ELSE 'abandoned' END,
			sum(sign) AS shots, sum(sign * takes) AS takes,
			coalesce(sum(sign * cost_to_first_keep_micros), 0) AS cost, sum(sign * spend_micros) AS spend,
			sum(sign * review_seconds) AS review_seconds
		FROM (%s) AS changed
		WHERE takes > 0
		GROUP BY 1, 2, 3, 4, 5, 6, 7
	) AS sums
	WHERE shots <> 0 OR takes <> 0 OR cost <> 0 OR spend <> 0 OR review_seconds <> 0
	$q$, source)
$f$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION keeprate_reason_deltas_sql(source text) RETURNS text
LANGUAGE sql IMMUTABLE AS $f$
	SELECT format($q$
	INSERT INTO reason_deltas (workspace_id, hour, project, model, tags, category, attempts, wasted_spend_micros,
		review_seconds)
	SELECT * FROM (
		SELECT workspace_id, date_trunc('hour', created_at, 'UTC') AS hour, project, model, tags, reject_category,
			sum(sign) AS attempts, sum(sign * cost_micros) AS wasted,
			coalesce(sum(sign * review_seconds::numeric), 0) AS review_seconds
		FROM (%s) AS changed
		WHERE reject_category IS NOT NULL
		GROUP BY 1, 2, 3, 4, 5, 6
	) AS sums
	WHERE attempts <> 0 OR wasted <> 0 OR review_seconds <> 0
	$q$, source)
$f$;--> statement-breakpoint
-- What is already stored: the review time of every categorised attempt becomes a delta of review time
-- alone (its count and cost are folded already), and every shot with a reviewed take is recomputed, which
-- appends its review time to shot_deltas through the trigger on shots. The compactor folds both on start.
INSERT INTO reason_deltas (workspace_id, hour, project, model, tags, category, attempts, wasted_spend_micros,
	review_seconds)
SELECT workspace_id, date_trunc('hour', created_at, 'UTC'), project, model, tags, reject_category, 0, 0,
	sum(review_seconds::numeric)
FROM attempts
WHERE reject_category IS NOT NULL AND review_seconds IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6
HAVING sum(review_seconds::numeric) <> 0;--> statement-breakpoint
SELECT keeprate_shots_recompute(
	'SELECT workspace_id, shot_id FROM attempts WHERE shot_id IS NOT NULL AND review_seconds IS NOT NULL');
