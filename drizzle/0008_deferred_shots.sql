CREATE TABLE "shot_changes" (
	"workspace_id" text NOT NULL,
	"shot_id" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "shot_changes_shot_idx" ON "shot_changes" USING btree ("workspace_id","shot_id");--> statement-breakpoint
-- Shots are settled by the compactor instead of in the writing transaction: a write to attempts only
-- names the shots it touched in shot_changes (a cheap append), and keeprate_settle_shots later recomputes
-- their shots rows from all their takes and deletes the names, in one statement. Reads recompute the
-- shots still named (src/lib/server/queries/shots.ts), so no figure is ever stale.
--
-- One shot's state from all its takes (ordered by created_at, then id); no row without takes. A single
-- SELECT, so the planner inlines it into a LATERAL join over the shots to recompute.
CREATE FUNCTION keeprate_shot_state(ws text, shot text) RETURNS SETOF shots
LANGUAGE sql STABLE AS $$
	SELECT workspace_id, shot_id, min(project),
		CASE WHEN count(DISTINCT model) = 1 THEN min(model) ELSE '(mixed)' END,
		min(first_tags), min(created_at), count(*)::int,
		(min(take) FILTER (WHERE kept))::int, (min(cost_so_far) FILTER (WHERE kept))::bigint,
		sum(cost_micros)::bigint, (count(*) FILTER (WHERE pending))::int
	FROM (
		SELECT a.workspace_id, a.shot_id, a.project, a.model, a.created_at, a.cost_micros,
			(a.status = 'succeeded' AND a.verdict = 'keep') AS kept,
			(a.status = 'succeeded' AND a.verdict = 'pending') AS pending,
			row_number() OVER w AS take, first_value(a.tags) OVER w AS first_tags,
			sum(a.cost_micros) OVER (w ROWS UNBOUNDED PRECEDING) AS cost_so_far
		FROM attempts AS a
		WHERE a.workspace_id = ws AND a.shot_id = shot
		WINDOW w AS (ORDER BY a.created_at, a.id)
	) AS takes
	GROUP BY workspace_id, shot_id
$$;--> statement-breakpoint
-- The common table expressions that bring the shots named by a CTE `touched` (workspace_id, shot_id,
-- each once) up to date: `saved` upserts the changed ones (in key order, so that two writers queue
-- instead of deadlocking), `gone` deletes those left without takes.
CREATE FUNCTION keeprate_shots_upsert_ctes() RETURNS text
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
			pending_takes = excluded.pending_takes
		WHERE (s.project, s.model, s.tags, s.first_at, s.takes, s.takes_to_first_keep,
			s.cost_to_first_keep_micros, s.spend_micros, s.pending_takes) IS DISTINCT FROM (excluded.project,
			excluded.model, excluded.tags, excluded.first_at, excluded.takes, excluded.takes_to_first_keep,
			excluded.cost_to_first_keep_micros, excluded.spend_micros, excluded.pending_takes)
		RETURNING 1
	)$q$
$f$;--> statement-breakpoint
-- Only one transaction at a time settles or rebuilds shots: each then starts from the last one's result.
CREATE FUNCTION keeprate_lock_shots() RETURNS void LANGUAGE sql AS $$
	SELECT pg_advisory_xact_lock(7262031001)
$$;--> statement-breakpoint
-- Settles up to `chunk` names (of workspace `ws`, or all): one statement, so the takes it reads and the
-- names it deletes are of one snapshot; a write committed later keeps its names for the next round.
-- Returns how many names it deleted.
CREATE FUNCTION keeprate_settle_shots(chunk integer, ws text DEFAULT NULL) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE settled integer;
BEGIN
	PERFORM keeprate_lock_shots();
	EXECUTE 'WITH claimed AS (
			DELETE FROM shot_changes WHERE ctid = ANY(ARRAY(
				SELECT ctid FROM shot_changes WHERE $2 IS NULL OR workspace_id = $2 LIMIT $1))
			RETURNING workspace_id, shot_id
		),
		touched AS (SELECT DISTINCT workspace_id, shot_id FROM claimed),'
		|| keeprate_shots_upsert_ctes() || ' SELECT count(*)::int FROM claimed'
	INTO settled USING chunk, ws;
	RETURN settled;
END
$$;--> statement-breakpoint
-- A rebuild: bring the shots that `touched_sql` (a query of workspace_id, shot_id) names up to date now.
CREATE OR REPLACE FUNCTION keeprate_shots_recompute(touched_sql text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	PERFORM keeprate_lock_shots();
	EXECUTE format('WITH touched AS (SELECT DISTINCT workspace_id, shot_id FROM (%s) AS t),', touched_sql)
		|| keeprate_shots_upsert_ctes() || ' SELECT 1';
END
$$;--> statement-breakpoint
-- Writes name the shots they touch. Static statements: planned once per session, not per write.
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
				o.status, o.verdict) IS DISTINCT FROM (n.shot_id, n.project, n.model, n.tags, n.created_at,
				n.cost_micros, n.status, n.verdict)
			UNION ALL
			SELECT n.workspace_id, n.shot_id FROM old_rows AS o JOIN new_rows AS n USING (workspace_id, id)
			WHERE n.shot_id IS NOT NULL AND o.shot_id IS DISTINCT FROM n.shot_id
		) AS touched;
	END IF;
	RETURN NULL;
END
$$;--> statement-breakpoint
DROP FUNCTION keeprate_shots_sql(text);--> statement-breakpoint
-- Placeholders of the previous scheme (a shot without takes) count nowhere; they go.
DELETE FROM shots WHERE takes = 0;
