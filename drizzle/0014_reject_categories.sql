CREATE TABLE "reason_deltas" (
	"workspace_id" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"project" text NOT NULL,
	"model" text NOT NULL,
	"tags" text[] NOT NULL,
	"category" text NOT NULL,
	"attempts" bigint NOT NULL,
	"wasted_spend_micros" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reason_rollups" (
	"workspace_id" text NOT NULL,
	"cuboid" text NOT NULL,
	"grain" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"project" text NOT NULL,
	"model" text NOT NULL,
	"tags" text[] NOT NULL,
	"category" text NOT NULL,
	"attempts" bigint NOT NULL,
	"wasted_spend_micros" bigint NOT NULL,
	CONSTRAINT "reason_rollups_pk" PRIMARY KEY("workspace_id","cuboid","grain","bucket","project","model","tags","category"),
	CONSTRAINT "reason_rollups_grain_check" CHECK ("reason_rollups"."grain" in ('d64', 'd16', 'd4', 'day', 'hour'))
);
--> statement-breakpoint
CREATE TABLE "reject_recategorise" (
	"workspace_id" text PRIMARY KEY NOT NULL,
	"after_id" text DEFAULT '' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "attempts" ADD COLUMN "reject_category" text;--> statement-breakpoint
ALTER TABLE "attempts" ADD COLUMN "reject_category_by" text;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "reject_rules" jsonb DEFAULT '[{"pattern":"handheld","category":"camera"},{"pattern":"hand-held","category":"camera"},{"pattern":"lip sync","category":"audio-sync"},{"pattern":"lip-sync","category":"audio-sync"},{"pattern":"lipsync","category":"audio-sync"},{"pattern":"out of sync","category":"audio-sync"},{"pattern":"audio","category":"audio-sync"},{"pattern":"sound","category":"audio-sync"},{"pattern":"voice","category":"audio-sync"},{"pattern":"dialogue","category":"audio-sync"},{"pattern":"dubbing","category":"audio-sync"},{"pattern":"music","category":"audio-sync"},{"pattern":"finger","category":"hands-anatomy"},{"pattern":"hand","category":"hands-anatomy"},{"pattern":"thumb","category":"hands-anatomy"},{"pattern":"limb","category":"hands-anatomy"},{"pattern":"arm","category":"hands-anatomy"},{"pattern":"legs","category":"hands-anatomy"},{"pattern":"anatomy","category":"hands-anatomy"},{"pattern":"anatomical","category":"hands-anatomy"},{"pattern":"extra arm","category":"hands-anatomy"},{"pattern":"extra leg","category":"hands-anatomy"},{"pattern":"extra head","category":"hands-anatomy"},{"pattern":"body","category":"hands-anatomy"},{"pattern":"feet","category":"hands-anatomy"},{"pattern":"foot","category":"hands-anatomy"},{"pattern":"toes","category":"hands-anatomy"},{"pattern":"deformed","category":"hands-anatomy"},{"pattern":"mutated","category":"hands-anatomy"},{"pattern":"proportion","category":"hands-anatomy"},{"pattern":"face","category":"faces"},{"pattern":"facial","category":"faces"},{"pattern":"eye","category":"faces"},{"pattern":"teeth","category":"faces"},{"pattern":"mouth","category":"faces"},{"pattern":"smile","category":"faces"},{"pattern":"expression","category":"faces"},{"pattern":"identity","category":"faces"},{"pattern":"likeness","category":"faces"},{"pattern":"uncanny","category":"faces"},{"pattern":"portrait","category":"faces"},{"pattern":"warp","category":"motion-artefacts"},{"pattern":"morph","category":"motion-artefacts"},{"pattern":"melt","category":"motion-artefacts"},{"pattern":"smear","category":"motion-artefacts"},{"pattern":"blur","category":"motion-artefacts"},{"pattern":"ghost","category":"motion-artefacts"},{"pattern":"artefact","category":"motion-artefacts"},{"pattern":"artifact","category":"motion-artefacts"},{"pattern":"distort","category":"motion-artefacts"},{"pattern":"glitch","category":"motion-artefacts"},{"pattern":"stutter","category":"motion-artefacts"},{"pattern":"frozen","category":"motion-artefacts"},{"pattern":"freez","category":"motion-artefacts"},{"pattern":"choppy","category":"motion-artefacts"},{"pattern":"wobbl","category":"motion-artefacts"},{"pattern":"judder","category":"motion-artefacts"},{"pattern":"camera","category":"camera"},{"pattern":"framing","category":"camera"},{"pattern":"framed","category":"camera"},{"pattern":"zoom","category":"camera"},{"pattern":"pans","category":"camera"},{"pattern":"panning","category":"camera"},{"pattern":"dolly","category":"camera"},{"pattern":"tracking shot","category":"camera"},{"pattern":"angle","category":"camera"},{"pattern":"composition","category":"camera"},{"pattern":"crop","category":"camera"},{"pattern":"focus","category":"camera"},{"pattern":"shaky","category":"camera"},{"pattern":"horizon","category":"camera"},{"pattern":"tilt","category":"camera"},{"pattern":"shot type","category":"camera"},{"pattern":"wrong shot","category":"camera"},{"pattern":"flicker","category":"flicker-temporal"},{"pattern":"jitter","category":"flicker-temporal"},{"pattern":"strobe","category":"flicker-temporal"},{"pattern":"strobing","category":"flicker-temporal"},{"pattern":"temporal","category":"flicker-temporal"},{"pattern":"consisten","category":"flicker-temporal"},{"pattern":"inconsisten","category":"flicker-temporal"},{"pattern":"continuity","category":"flicker-temporal"},{"pattern":"popping","category":"flicker-temporal"},{"pattern":"pops in","category":"flicker-temporal"},{"pattern":"shimmer","category":"flicker-temporal"},{"pattern":"boil","category":"flicker-temporal"},{"pattern":"crawl","category":"flicker-temporal"},{"pattern":"between frames","category":"flicker-temporal"},{"pattern":"drift","category":"flicker-temporal"},{"pattern":"changes between","category":"flicker-temporal"},{"pattern":"texture","category":"style"},{"pattern":"style","category":"style"},{"pattern":"plastic","category":"style"},{"pattern":"waxy","category":"style"},{"pattern":"cartoon","category":"style"},{"pattern":"cgi","category":"style"},{"pattern":"video game","category":"style"},{"pattern":"colour","category":"style"},{"pattern":"color","category":"style"},{"pattern":"grade","category":"style"},{"pattern":"grading","category":"style"},{"pattern":"lighting","category":"style"},{"pattern":"saturat","category":"style"},{"pattern":"aesthetic","category":"style"},{"pattern":"looks fake","category":"style"},{"pattern":"fake looking","category":"style"},{"pattern":"tone","category":"style"},{"pattern":"text","category":"text-logos"},{"pattern":"garbled","category":"text-logos"},{"pattern":"gibberish","category":"text-logos"},{"pattern":"letter","category":"text-logos"},{"pattern":"spelling","category":"text-logos"},{"pattern":"misspel","category":"text-logos"},{"pattern":"typo","category":"text-logos"},{"pattern":"logo","category":"text-logos"},{"pattern":"brand","category":"text-logos"},{"pattern":"watermark","category":"text-logos"},{"pattern":"sign","category":"text-logos"},{"pattern":"caption","category":"text-logos"},{"pattern":"subtitle","category":"text-logos"},{"pattern":"label","category":"text-logos"},{"pattern":"font","category":"text-logos"},{"pattern":"writing","category":"text-logos"},{"pattern":"words","category":"text-logos"},{"pattern":"physics","category":"physics"},{"pattern":"gravity","category":"physics"},{"pattern":"float","category":"physics"},{"pattern":"upward","category":"physics"},{"pattern":"falls up","category":"physics"},{"pattern":"clipping","category":"physics"},{"pattern":"clips through","category":"physics"},{"pattern":"passes through","category":"physics"},{"pattern":"collision","category":"physics"},{"pattern":"impossible","category":"physics"},{"pattern":"liquid","category":"physics"},{"pattern":"water","category":"physics"},{"pattern":"fluid","category":"physics"},{"pattern":"weightless","category":"physics"},{"pattern":"balance","category":"physics"},{"pattern":"didn''t follow","category":"prompt-mismatch"},{"pattern":"did not follow","category":"prompt-mismatch"},{"pattern":"prompt","category":"prompt-mismatch"},{"pattern":"off-brief","category":"prompt-mismatch"},{"pattern":"off brief","category":"prompt-mismatch"},{"pattern":"brief","category":"prompt-mismatch"},{"pattern":"ignored","category":"prompt-mismatch"},{"pattern":"missed","category":"prompt-mismatch"},{"pattern":"mismatch","category":"prompt-mismatch"},{"pattern":"doesn''t match","category":"prompt-mismatch"},{"pattern":"does not match","category":"prompt-mismatch"},{"pattern":"not what","category":"prompt-mismatch"},{"pattern":"instead of","category":"prompt-mismatch"},{"pattern":"wrong","category":"prompt-mismatch"},{"pattern":"missing","category":"prompt-mismatch"},{"pattern":"not as described","category":"prompt-mismatch"},{"pattern":"motion","category":"motion-artefacts"}]'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "reason_deltas_hour_idx" ON "reason_deltas" USING btree ("workspace_id","hour");--> statement-breakpoint
CREATE INDEX "reason_rollups_project_idx" ON "reason_rollups" USING btree ("workspace_id","cuboid","grain","project","bucket");--> statement-breakpoint
CREATE INDEX "attempts_reason_queue_idx" ON "attempts" USING btree ("workspace_id","received_at") WHERE "attempts"."reject_category_by" = 'queued';--> statement-breakpoint
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_reject_category_check" CHECK ("attempts"."reject_category" in ('hands-anatomy', 'faces', 'motion-artefacts', 'flicker-temporal', 'physics', 'text-logos', 'prompt-mismatch', 'camera', 'style', 'audio-sync', 'other', 'unspecified', 'failed'));--> statement-breakpoint
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_reject_category_by_check" CHECK ("attempts"."reject_category_by" in ('rules', 'queued', 'llm', 'rules-final'));--> statement-breakpoint
-- Reject categories (src/lib/reasons/categories.ts). The first of a workspace's rules whose pattern starts
-- a word of the reason, ignoring case, places it; null when none does. A pattern is text, not a regular
-- expression: every character but letters, digits and spaces is escaped, and a space matches any run of
-- white space. The rules are compiled once, when they change, into one expression per run of consecutive
-- rules of one category (`workspaces.reject_rule_groups`): the first group that matches holds the first
-- rule that matches, and a dozen groups stay in PostgreSQL's cache of compiled expressions (32 a
-- session), where two hundred rules compiled one by one would be compiled again for every row.
CREATE FUNCTION keeprate_compile_reject_rules(rules jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	WITH rule AS (
		SELECT i, x->>'category' AS category, regexp_replace(
			regexp_replace(x->>'pattern', '([^[:alnum:][:space:]])', '\\\1', 'g'), '[[:space:]]+', '[[:space:]]+', 'g')
			AS pattern
		FROM jsonb_array_elements(rules) WITH ORDINALITY AS r(x, i)
	), run AS (
		SELECT *, i - row_number() OVER (PARTITION BY category ORDER BY i) AS run FROM rule
	)
	SELECT coalesce(jsonb_agg(jsonb_build_array(category, regex) ORDER BY first), '[]'::jsonb) FROM (
		SELECT category, min(i) AS first, '\m(?:' || string_agg(pattern, '|' ORDER BY i) || ')' AS regex
		FROM run GROUP BY category, run
	) AS g
$$;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "reject_rule_groups" jsonb
	GENERATED ALWAYS AS (keeprate_compile_reject_rules(reject_rules)) STORED;--> statement-breakpoint
CREATE FUNCTION keeprate_reject_rule_match(groups jsonb, reason text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT g->>0 FROM jsonb_array_elements(groups) WITH ORDINALITY AS x(g, i)
	WHERE reason ~* (g->>1)
	ORDER BY i LIMIT 1
$$;--> statement-breakpoint
-- The category is set with the verdict, in the writing statement, whatever the write (COPY, resends,
-- PATCH, the review queue, the import): a failed generation is `failed`, a reject without a reason
-- `unspecified`, one the rules do not place `other` (queued for the opt-in model); kept and pending: null.
-- Called only for writes that can change it (the triggers' WHEN below): a write that leaves status,
-- verdict and reason as they were keeps the category it has (the model's, or one placed again after a
-- change of rules).
CREATE FUNCTION keeprate_attempt_reject_category() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE placed text;
BEGIN
	NEW.reject_category_by := NULL;
	IF NEW.status = 'failed' THEN
		NEW.reject_category := 'failed';
	ELSIF NEW.verdict <> 'reject' THEN
		NEW.reject_category := NULL;
	ELSIF coalesce(NEW.reject_reason, '') !~ '[^[:space:]]' THEN
		NEW.reject_category := 'unspecified';
	ELSE
		placed := keeprate_reject_rule_match(
			(SELECT reject_rule_groups FROM workspaces WHERE id = NEW.workspace_id), NEW.reject_reason);
		NEW.reject_category := coalesce(placed, 'other');
		NEW.reject_category_by := CASE WHEN placed IS NULL THEN 'queued' ELSE 'rules' END;
	END IF;
	RETURN NEW;
END
$$;--> statement-breakpoint
-- Attempts stored before categories existed, placed by the default rules (triggers below not created yet).
UPDATE attempts AS a SET
	reject_category = CASE WHEN a.status = 'failed' THEN 'failed'
		WHEN coalesce(a.reject_reason, '') !~ '[^[:space:]]' THEN 'unspecified'
		ELSE coalesce(keeprate_reject_rule_match(w.reject_rule_groups, a.reject_reason), 'other') END,
	reject_category_by = CASE WHEN a.status = 'failed' OR coalesce(a.reject_reason, '') !~ '[^[:space:]]' THEN NULL
		WHEN keeprate_reject_rule_match(w.reject_rule_groups, a.reject_reason) IS NULL THEN 'queued' ELSE 'rules' END
FROM workspaces AS w
WHERE w.id = a.workspace_id AND (a.status = 'failed' OR a.verdict = 'reject');--> statement-breakpoint
-- Only the rows it can change call it: a new failed or rejected attempt (others are inserted with no
-- category), or a change of status, verdict or reason; most rows of a batch are kept or pending.
CREATE TRIGGER attempts_reject_category BEFORE INSERT ON attempts FOR EACH ROW
	WHEN (NEW.status = 'failed' OR NEW.verdict = 'reject') EXECUTE FUNCTION keeprate_attempt_reject_category();--> statement-breakpoint
CREATE TRIGGER attempts_reject_category_changed BEFORE UPDATE ON attempts FOR EACH ROW
	WHEN ((NEW.status, NEW.verdict, NEW.reject_reason) IS DISTINCT FROM (OLD.status, OLD.verdict, OLD.reject_reason))
	EXECUTE FUNCTION keeprate_attempt_reject_category();--> statement-breakpoint
-- The reason rollups (src/lib/server/rollups/families.ts REASON_ROLLUPS): like the attempt rollups
-- (0007_rollup_triggers.sql), every write appends its signed sums per UTC hour to reason_deltas in the
-- writing transaction; only decided attempts not kept (those with a category) count.
CREATE FUNCTION keeprate_reason_deltas_sql(source text) RETURNS text
LANGUAGE sql IMMUTABLE AS $f$
	SELECT format($q$
	INSERT INTO reason_deltas (workspace_id, hour, project, model, tags, category, attempts, wasted_spend_micros)
	SELECT * FROM (
		SELECT workspace_id, date_trunc('hour', created_at, 'UTC') AS hour, project, model, tags, reject_category,
			sum(sign) AS attempts, sum(sign * cost_micros) AS wasted
		FROM (%s) AS changed
		WHERE reject_category IS NOT NULL
		GROUP BY 1, 2, 3, 4, 5, 6
	) AS sums
	WHERE attempts <> 0 OR wasted <> 0
	$q$, source)
$f$;--> statement-breakpoint
CREATE FUNCTION keeprate_attempts_reasons_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		EXECUTE keeprate_reason_deltas_sql('SELECT *, 1 AS sign FROM new_rows');
	ELSIF TG_OP = 'DELETE' THEN
		EXECUTE keeprate_reason_deltas_sql('SELECT *, -1 AS sign FROM old_rows');
	ELSE
		EXECUTE keeprate_reason_deltas_sql(
			'SELECT *, -1 AS sign FROM old_rows UNION ALL SELECT *, 1 AS sign FROM new_rows');
	END IF;
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER attempts_reasons_inserted AFTER INSERT ON attempts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION keeprate_attempts_reasons_changed();--> statement-breakpoint
CREATE TRIGGER attempts_reasons_updated AFTER UPDATE ON attempts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION keeprate_attempts_reasons_changed();--> statement-breakpoint
CREATE TRIGGER attempts_reasons_deleted AFTER DELETE ON attempts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION keeprate_attempts_reasons_changed();--> statement-breakpoint
-- Attempts stored before this migration become deltas too; the compactor folds them on start.
DO $$ BEGIN EXECUTE keeprate_reason_deltas_sql('SELECT *, 1 AS sign FROM attempts'); END $$;
