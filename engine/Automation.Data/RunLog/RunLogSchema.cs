namespace Automation.Data.RunLog;

/// <summary>The run log's own table in the shared SQLite file, created by the run log itself (not by EF migrations).</summary>
internal static class RunLogSchema
{
    public const string Table = "run_log";

    // seq is the rowid. The triggers refuse ordinary UPDATE and DELETE; they are a fence, not the proof: verify
    // recomputes the chain, so edits made after dropping a trigger are found too.
    public const string Create = """
        CREATE TABLE IF NOT EXISTS run_log (
            seq INTEGER PRIMARY KEY,
            ts INTEGER NOT NULL,
            actor_kind TEXT NOT NULL,
            actor_name TEXT NOT NULL,
            instance_id TEXT,
            queue_item_id TEXT,
            business_key TEXT,
            workflow_id TEXT,
            workflow_version INTEGER,
            target TEXT,
            event_type TEXT NOT NULL,
            outcome TEXT,
            payload TEXT,
            prev_hash BLOB NOT NULL,
            hash BLOB NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_run_log_instance ON run_log(instance_id) WHERE instance_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_run_log_business_key ON run_log(business_key) WHERE business_key IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_run_log_ts ON run_log(ts);
        CREATE TRIGGER IF NOT EXISTS run_log_no_update BEFORE UPDATE ON run_log
            BEGIN SELECT RAISE(ABORT, 'run_log is append-only: records cannot be changed'); END;
        CREATE TRIGGER IF NOT EXISTS run_log_no_delete BEFORE DELETE ON run_log
            BEGIN SELECT RAISE(ABORT, 'run_log is append-only: records cannot be deleted'); END;
        """;

    public const string Insert = """
        INSERT INTO run_log (seq, ts, actor_kind, actor_name, instance_id, queue_item_id, business_key, workflow_id,
            workflow_version, target, event_type, outcome, payload, prev_hash, hash)
        VALUES ($seq, $ts, $ak, $an, $inst, $qi, $bk, $wf, $wv, $tg, $type, $out, $payload, $prev, $hash)
        """;

    public const string SelectColumns = """
        SELECT seq, ts, actor_kind, actor_name, instance_id, queue_item_id, business_key, workflow_id, workflow_version,
            target, event_type, outcome, payload, prev_hash, hash FROM run_log
        """;

    /// <summary>The checkpoint file beside the database.</summary>
    public static string CheckpointPath(string databasePath) => databasePath + ".runlog-checkpoints";
}
