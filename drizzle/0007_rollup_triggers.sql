-- Rollups: every write to attempts appends its signed sums, per UTC hour and full dimensions, to
-- rollup_deltas in the writing statement's own transaction, whatever the write (COPY, INSERT, UPDATE of a
-- verdict, a re-price or a re-tag, DELETE). src/lib/server/rollups folds them into attempt_rollups.
CREATE FUNCTION keeprate_duration_bucket(seconds double precision) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT CASE WHEN seconds <= 5 THEN '≤ 5 s' WHEN seconds <= 8 THEN '5–8 s' WHEN seconds <= 12 THEN '8–12 s'
	ELSE '> 12 s' END
$$;--> statement-breakpoint
-- The statement that appends the deltas of `source`: attempts rows with a `sign` column (+1 or -1).
-- Groups whose sums all cancel out (an update that changed nothing counted) append nothing.
CREATE FUNCTION keeprate_rollup_deltas_sql(source text) RETURNS text
LANGUAGE sql IMMUTABLE AS $f$
	SELECT format($q$
	INSERT INTO rollup_deltas (workspace_id, hour, project, model, tags, resolution, duration, creator,
		attempts, kept, rejected, failed, pending, spend_micros, decided_spend_micros, kept_spend_micros,
		kept_seconds, generation_seconds, timed_attempts)
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
			coalesce(sum(sign) FILTER (WHERE generation_seconds IS NOT NULL), 0) AS timed
		FROM (%s) AS changed
		GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
	) AS sums
	WHERE attempts <> 0 OR kept <> 0 OR rejected <> 0 OR failed <> 0 OR pending <> 0 OR spend <> 0
		OR decided_spend <> 0 OR kept_spend <> 0 OR kept_seconds <> 0 OR generation_seconds <> 0 OR timed <> 0
	$q$, source)
$f$;--> statement-breakpoint
CREATE FUNCTION keeprate_attempts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		EXECUTE keeprate_rollup_deltas_sql('SELECT *, 1 AS sign FROM new_rows');
	ELSIF TG_OP = 'DELETE' THEN
		EXECUTE keeprate_rollup_deltas_sql('SELECT *, -1 AS sign FROM old_rows');
	ELSE
		EXECUTE keeprate_rollup_deltas_sql(
			'SELECT *, -1 AS sign FROM old_rows UNION ALL SELECT *, 1 AS sign FROM new_rows');
	END IF;
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER attempts_rollup_inserted AFTER INSERT ON attempts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION keeprate_attempts_changed();--> statement-breakpoint
CREATE TRIGGER attempts_rollup_updated AFTER UPDATE ON attempts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION keeprate_attempts_changed();--> statement-breakpoint
CREATE TRIGGER attempts_rollup_deleted AFTER DELETE ON attempts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION keeprate_attempts_changed();--> statement-breakpoint
-- A tag stored twice on one attempt counted it twice in that tag: keep each tag once, in order.
UPDATE attempts SET tags = ARRAY(SELECT t FROM unnest(tags) WITH ORDINALITY AS u(t, i) GROUP BY t ORDER BY min(i))
WHERE cardinality(tags) > cardinality(ARRAY(SELECT DISTINCT unnest(tags)));--> statement-breakpoint
-- Attempts stored before rollups existed become deltas too; the compactor folds them on start.
DO $$ BEGIN EXECUTE keeprate_rollup_deltas_sql('SELECT *, 1 AS sign FROM attempts'); END $$;
--> statement-breakpoint
-- Shots: the state of every shot touched by a write is recomputed from all its takes, in the same
-- transaction. Writers of one shot take turns: each first makes sure the shot's row exists (a placeholder
-- without takes, which counts nowhere) and locks it, in key order, then recomputes with a snapshot taken
-- after its turn came, so two concurrent batches of one shot never overwrite each other's takes.
-- The statements, over `touched_sql` (a query of workspace_id, shot_id); run by EXECUTE in the trigger
-- function itself, the only place where the transition tables can be read.
CREATE FUNCTION keeprate_shots_sql(touched_sql text) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $f$
	SELECT ARRAY[
	format($q$
	INSERT INTO shots (workspace_id, shot_id, project, model, tags, first_at, takes, spend_micros, pending_takes)
	SELECT DISTINCT workspace_id, shot_id, '', '', '{}'::text[], 'epoch'::timestamptz, 0, 0, 0 FROM (%s) AS t
	ORDER BY 1, 2 ON CONFLICT DO NOTHING$q$, touched_sql),
	format($q$
	SELECT 1 FROM shots AS s JOIN (SELECT DISTINCT workspace_id, shot_id FROM (%s) AS t) AS t
		USING (workspace_id, shot_id)
	ORDER BY s.workspace_id, s.shot_id FOR UPDATE OF s$q$, touched_sql),
	format($q$
	WITH touched AS (SELECT DISTINCT workspace_id, shot_id FROM (%s) AS t),
	takes AS (
		SELECT a.workspace_id, a.shot_id, a.project, a.model, a.tags, a.created_at, a.cost_micros,
			(a.status = 'succeeded' AND a.verdict = 'keep') AS kept,
			(a.status = 'succeeded' AND a.verdict = 'pending') AS pending,
			row_number() OVER w AS take, first_value(a.tags) OVER w AS first_tags,
			sum(a.cost_micros) OVER (w ROWS UNBOUNDED PRECEDING) AS cost_so_far
		FROM touched AS t
		JOIN attempts AS a ON a.workspace_id = t.workspace_id AND a.shot_id = t.shot_id
		WINDOW w AS (PARTITION BY a.workspace_id, a.shot_id ORDER BY a.created_at, a.id)
	),
	fresh AS (
		SELECT workspace_id, shot_id, min(project) AS project,
			CASE WHEN count(DISTINCT model) = 1 THEN min(model) ELSE '(mixed)' END AS model,
			min(first_tags) AS tags, min(created_at) AS first_at, count(*)::int AS takes,
			(min(take) FILTER (WHERE kept))::int AS takes_to_first_keep,
			min(cost_so_far) FILTER (WHERE kept) AS cost_to_first_keep_micros,
			sum(cost_micros) AS spend_micros, (count(*) FILTER (WHERE pending))::int AS pending_takes
		FROM takes GROUP BY workspace_id, shot_id
	),
	gone AS (
		DELETE FROM shots AS s USING touched AS t
		WHERE s.workspace_id = t.workspace_id AND s.shot_id = t.shot_id
			AND NOT EXISTS (SELECT 1 FROM fresh AS f WHERE f.workspace_id = s.workspace_id AND f.shot_id = s.shot_id)
	)
	INSERT INTO shots AS s (workspace_id, shot_id, project, model, tags, first_at, takes, takes_to_first_keep,
		cost_to_first_keep_micros, spend_micros, pending_takes)
	SELECT * FROM fresh ORDER BY workspace_id, shot_id
	ON CONFLICT (workspace_id, shot_id) DO UPDATE SET project = excluded.project, model = excluded.model,
		tags = excluded.tags, first_at = excluded.first_at, takes = excluded.takes,
		takes_to_first_keep = excluded.takes_to_first_keep,
		cost_to_first_keep_micros = excluded.cost_to_first_keep_micros, spend_micros = excluded.spend_micros,
		pending_takes = excluded.pending_takes
	WHERE (s.project, s.model, s.tags, s.first_at, s.takes, s.takes_to_first_keep, s.cost_to_first_keep_micros,
		s.spend_micros, s.pending_takes) IS DISTINCT FROM (excluded.project, excluded.model, excluded.tags,
		excluded.first_at, excluded.takes, excluded.takes_to_first_keep, excluded.cost_to_first_keep_micros,
		excluded.spend_micros, excluded.pending_takes)
	$q$, touched_sql)]
$f$;--> statement-breakpoint
-- Outside a trigger (this migration, a rebuild): recompute the shots that `touched_sql` names.
CREATE FUNCTION keeprate_shots_recompute(touched_sql text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE statement text;
BEGIN
	FOREACH statement IN ARRAY keeprate_shots_sql(touched_sql) LOOP EXECUTE statement; END LOOP;
END
$$;--> statement-breakpoint
CREATE FUNCTION keeprate_attempts_shots_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	touched text;
	statement text;
BEGIN
	IF TG_OP = 'INSERT' THEN
		touched := 'SELECT workspace_id, shot_id FROM new_rows WHERE shot_id IS NOT NULL';
	ELSIF TG_OP = 'DELETE' THEN
		touched := 'SELECT workspace_id, shot_id FROM old_rows WHERE shot_id IS NOT NULL';
	ELSE
		-- Only writes that change what a shot is made of: not the tagger's bookkeeping, not a rejectReason.
		touched := $s$
			SELECT o.workspace_id, o.shot_id FROM old_rows AS o JOIN new_rows AS n USING (workspace_id, id)
			WHERE o.shot_id IS NOT NULL AND (o.shot_id, o.project, o.model, o.tags, o.created_at, o.cost_micros,
				o.status, o.verdict) IS DISTINCT FROM (n.shot_id, n.project, n.model, n.tags, n.created_at,
				n.cost_micros, n.status, n.verdict)
			UNION ALL
			SELECT n.workspace_id, n.shot_id FROM old_rows AS o JOIN new_rows AS n USING (workspace_id, id)
			WHERE n.shot_id IS NOT NULL AND o.shot_id IS DISTINCT FROM n.shot_id$s$;
	END IF;
	FOREACH statement IN ARRAY keeprate_shots_sql(touched) LOOP EXECUTE statement; END LOOP;
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER attempts_shots_inserted AFTER INSERT ON attempts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION keeprate_attempts_shots_changed();--> statement-breakpoint
CREATE TRIGGER attempts_shots_updated AFTER UPDATE ON attempts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION keeprate_attempts_shots_changed();--> statement-breakpoint
CREATE TRIGGER attempts_shots_deleted AFTER DELETE ON attempts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION keeprate_attempts_shots_changed();--> statement-breakpoint
-- Every change of a shot appends its signed sums to shot_deltas, per UTC hour of its first take.
-- Placeholders (no takes yet) count nowhere.
CREATE FUNCTION keeprate_shot_deltas_sql(source text) RETURNS text
LANGUAGE sql IMMUTABLE AS $f$
	SELECT format($q$
	INSERT INTO shot_deltas (workspace_id, hour, project, model, tags, takes_to_first_keep, state, shots, takes,
		cost_to_first_keep_micros, spend_micros)
	SELECT * FROM (
		SELECT workspace_id, date_trunc('hour', first_at, 'UTC'), project, model, tags,
			coalesce(takes_to_first_keep, 0),
			CASE WHEN takes_to_first_keep IS NOT NULL THEN 'kept' WHEN pending_takes > 0 THEN 'review'
				ELSE 'abandoned' END,
			sum(sign) AS shots, sum(sign * takes) AS takes,
			coalesce(sum(sign * cost_to_first_keep_micros), 0) AS cost, sum(sign * spend_micros) AS spend
		FROM (%s) AS changed
		WHERE takes > 0
		GROUP BY 1, 2, 3, 4, 5, 6, 7
	) AS sums
	WHERE shots <> 0 OR takes <> 0 OR cost <> 0 OR spend <> 0
	$q$, source)
$f$;--> statement-breakpoint
CREATE FUNCTION keeprate_shots_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		EXECUTE keeprate_shot_deltas_sql('SELECT *, 1 AS sign FROM new_rows');
	ELSIF TG_OP = 'DELETE' THEN
		EXECUTE keeprate_shot_deltas_sql('SELECT *, -1 AS sign FROM old_rows');
	ELSE
		EXECUTE keeprate_shot_deltas_sql(
			'SELECT *, -1 AS sign FROM old_rows UNION ALL SELECT *, 1 AS sign FROM new_rows');
	END IF;
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER shots_rollup_inserted AFTER INSERT ON shots REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION keeprate_shots_changed();--> statement-breakpoint
CREATE TRIGGER shots_rollup_updated AFTER UPDATE ON shots REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION keeprate_shots_changed();--> statement-breakpoint
CREATE TRIGGER shots_rollup_deleted AFTER DELETE ON shots REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION keeprate_shots_changed();--> statement-breakpoint
-- The shots of attempts stored before this migration (their deltas follow through the trigger above).
SELECT keeprate_shots_recompute('SELECT workspace_id, shot_id FROM attempts WHERE shot_id IS NOT NULL');
