-- Where a rejected attempt goes by its reason, as {category, placement}: `unspecified` without a reason,
-- the first rule group that matches, else `other` (queued for the opt-in model). One definition, for the
-- trigger below and for the ingest path, which places each distinct reason of a batch once
-- (src/lib/server/ingest/place.ts) instead of matching every row's reason against every rule.
CREATE FUNCTION keeprate_place_reject(groups jsonb, reason text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT CASE WHEN coalesce(reason, '') !~ '[^[:space:]]' THEN ARRAY['unspecified', NULL]
		ELSE coalesce(
			(SELECT ARRAY[m, 'rules'] FROM keeprate_reject_rule_match(groups, reason) AS m WHERE m IS NOT NULL),
			ARRAY['other', 'queued'])
	END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION keeprate_attempt_reject_category() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE placed text[];
BEGIN
	IF NEW.status = 'failed' THEN
		NEW.reject_category := 'failed';
		NEW.reject_category_by := NULL;
	ELSIF NEW.verdict <> 'reject' THEN
		NEW.reject_category := NULL;
		NEW.reject_category_by := NULL;
	ELSE
		placed := keeprate_place_reject(
			(SELECT reject_rule_groups FROM workspaces WHERE id = NEW.workspace_id), NEW.reject_reason);
		NEW.reject_category := placed[1];
		NEW.reject_category_by := placed[2];
	END IF;
	RETURN NEW;
END
$$;--> statement-breakpoint
-- A new row that comes placed keeps its place: the ingest path places a batch's reasons with the function
-- above, in one query. Any other insert of a failed or rejected attempt is placed here, row by row.
DROP TRIGGER attempts_reject_category ON attempts;--> statement-breakpoint
CREATE TRIGGER attempts_reject_category BEFORE INSERT ON attempts FOR EACH ROW
	WHEN ((NEW.status = 'failed' OR NEW.verdict = 'reject') AND NEW.reject_category IS NULL)
	EXECUTE FUNCTION keeprate_attempt_reject_category();
--> statement-breakpoint
-- A new batch's upkeep in one trigger: the reason deltas, the rollup deltas and the names of the shots it
-- touches. Its statements are written into the function when it is created, from the same builders the
-- update and delete triggers run (keeprate_reason_deltas_sql, keeprate_rollup_deltas_sql; a migration that
-- changes them creates this function again), so PL/pgSQL plans them once per connection instead of at
-- every batch, as EXECUTE did.
DO $do$ BEGIN
	EXECUTE format($f$
		CREATE FUNCTION keeprate_attempts_inserted() RETURNS trigger LANGUAGE plpgsql AS $body$
		BEGIN
			%s;
			%s;
			INSERT INTO shot_changes (workspace_id, shot_id)
			SELECT DISTINCT workspace_id, shot_id FROM new_rows WHERE shot_id IS NOT NULL;
			RETURN NULL;
		END
		$body$$f$,
		keeprate_reason_deltas_sql('SELECT *, 1 AS sign FROM new_rows'),
		keeprate_rollup_deltas_sql('SELECT *, 1 AS sign FROM new_rows'));
END $do$;--> statement-breakpoint
DROP TRIGGER attempts_reasons_inserted ON attempts;--> statement-breakpoint
DROP TRIGGER attempts_rollup_inserted ON attempts;--> statement-breakpoint
DROP TRIGGER attempts_shots_inserted ON attempts;--> statement-breakpoint
CREATE TRIGGER attempts_upkeep_inserted AFTER INSERT ON attempts REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION keeprate_attempts_inserted();
