-- Text columns that hold one of a fixed set get a CHECK each (the lists: src/lib/server/db/enums.ts). A row
-- that already breaks one stops the migration here, naming the table, the column, a bad value and how many
-- rows hold bad values, instead of PostgreSQL's bare "is violated by some row".
DO $$
DECLARE
	c record;
	bad text;
	n bigint;
BEGIN
	FOR c IN SELECT * FROM (VALUES
		('attempts', 'cost_source', ARRAY['reported', 'price_book']),
		('attempts', 'status', ARRAY['succeeded', 'failed']),
		('attempts', 'verdict', ARRAY['keep', 'reject', 'pending']),
		('attempts', 'tags_source', ARRAY['client', 'inferred']),
		('attempts', 'tags_inferred_by', ARRAY['rules', 'llm', 'rules-final']),
		('budgets', 'period', ARRAY['week', 'month']),
		('memberships', 'role', ARRAY['viewer', 'member', 'admin', 'owner']),
		('attempt_rollups', 'grain', ARRAY['d64', 'd16', 'd4', 'day', 'hour']),
		('shot_rollups', 'grain', ARRAY['d64', 'd16', 'd4', 'day', 'hour']),
		('shot_rollups', 'state', ARRAY['kept', 'review', 'abandoned']),
		('shot_deltas', 'state', ARRAY['kept', 'review', 'abandoned'])
	) AS v(table_name, column_name, allowed) LOOP
		EXECUTE format('SELECT min(%I), count(*) FROM %I WHERE %I <> ALL ($1)', c.column_name, c.table_name, c.column_name)
			INTO bad, n USING c.allowed;
		IF n > 0 THEN
			RAISE EXCEPTION 'cannot add the check on %.%: % row(s) hold a value outside (%), e.g. %',
				c.table_name, c.column_name, n, array_to_string(c.allowed, ', '), quote_literal(bad)
				USING HINT = 'correct or delete those rows, then start keeprate again';
		END IF;
	END LOOP;
	SELECT min(s), count(*) INTO bad, n FROM api_keys, unnest(scopes) AS s WHERE s <> ALL (ARRAY['ingest', 'read']);
	IF n > 0 THEN
		RAISE EXCEPTION 'cannot add the check on api_keys.scopes: % scope(s) outside (ingest, read), e.g. %',
			n, quote_literal(bad)
			USING HINT = 'correct or delete those rows, then start keeprate again';
	END IF;
END
$$;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_scopes_check" CHECK ("api_keys"."scopes" <@ ARRAY['ingest', 'read']::text[]);--> statement-breakpoint
ALTER TABLE "attempt_rollups" ADD CONSTRAINT "attempt_rollups_grain_check" CHECK ("attempt_rollups"."grain" in ('d64', 'd16', 'd4', 'day', 'hour'));--> statement-breakpoint
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_cost_source_check" CHECK ("attempts"."cost_source" in ('reported', 'price_book'));--> statement-breakpoint
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_status_check" CHECK ("attempts"."status" in ('succeeded', 'failed'));--> statement-breakpoint
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_verdict_check" CHECK ("attempts"."verdict" in ('keep', 'reject', 'pending'));--> statement-breakpoint
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_tags_source_check" CHECK ("attempts"."tags_source" in ('client', 'inferred'));--> statement-breakpoint
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_tags_inferred_by_check" CHECK ("attempts"."tags_inferred_by" in ('rules', 'llm', 'rules-final'));--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_period_check" CHECK ("budgets"."period" in ('week', 'month'));--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_role_check" CHECK ("memberships"."role" in ('viewer', 'member', 'admin', 'owner'));--> statement-breakpoint
ALTER TABLE "shot_deltas" ADD CONSTRAINT "shot_deltas_state_check" CHECK ("shot_deltas"."state" in ('kept', 'review', 'abandoned'));--> statement-breakpoint
ALTER TABLE "shot_rollups" ADD CONSTRAINT "shot_rollups_grain_check" CHECK ("shot_rollups"."grain" in ('d64', 'd16', 'd4', 'day', 'hour'));--> statement-breakpoint
ALTER TABLE "shot_rollups" ADD CONSTRAINT "shot_rollups_state_check" CHECK ("shot_rollups"."state" in ('kept', 'review', 'abandoned'));