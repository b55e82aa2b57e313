ALTER TABLE "workspaces" ADD COLUMN "catalog_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Every change to a workspace's models, aliases or prices raises its catalog_version, whoever makes it
-- (the price editor, the seed, a script): a price book cached at an older version is then reloaded.
CREATE FUNCTION keeprate_catalog_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE workspaces SET catalog_version = catalog_version + 1
	WHERE id IN (SELECT DISTINCT workspace_id FROM changed);
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER models_inserted AFTER INSERT ON models REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION keeprate_catalog_changed();--> statement-breakpoint
CREATE TRIGGER models_updated AFTER UPDATE ON models REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION keeprate_catalog_changed();--> statement-breakpoint
CREATE TRIGGER models_deleted AFTER DELETE ON models REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION keeprate_catalog_changed();--> statement-breakpoint
CREATE TRIGGER model_aliases_inserted AFTER INSERT ON model_aliases REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION keeprate_catalog_changed();--> statement-breakpoint
CREATE TRIGGER model_aliases_updated AFTER UPDATE ON model_aliases REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION keeprate_catalog_changed();--> statement-breakpoint
CREATE TRIGGER model_aliases_deleted AFTER DELETE ON model_aliases REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION keeprate_catalog_changed();--> statement-breakpoint
CREATE TRIGGER prices_inserted AFTER INSERT ON prices REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION keeprate_catalog_changed();--> statement-breakpoint
CREATE TRIGGER prices_updated AFTER UPDATE ON prices REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION keeprate_catalog_changed();--> statement-breakpoint
CREATE TRIGGER prices_deleted AFTER DELETE ON prices REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION keeprate_catalog_changed();--> statement-breakpoint
-- Every project that attempts are stored under has its row, however they were inserted (COPY included).
CREATE FUNCTION keeprate_projects_of_new_attempts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	-- In key order, so that two statements adding the same new projects queue instead of deadlocking.
	INSERT INTO projects (workspace_id, slug, name)
	SELECT DISTINCT workspace_id, project, project FROM inserted ORDER BY 1, 2
	ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER attempts_projects AFTER INSERT ON attempts REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION keeprate_projects_of_new_attempts();
