namespace Hone.Storages;

/// <summary>The SQLite schema and the migrations that bring an older Hone file up to date.</summary>
/// <remarks>
/// Each migration moves the schema from version i to i + 1 and runs in one transaction, so an interrupted upgrade
/// leaves the file at the old version. Add a migration to the end; never change one that has shipped.
/// Identifiers are AUTOINCREMENT so that those of a deleted study and its trials are never given again: another
/// process's cache or trial handle cannot mistake a new study for the deleted one.
/// </remarks>
internal static class SqliteSchema
{
    public const string Application = "hone";

    public static readonly string[] Migrations =
    [
        """
        CREATE TABLE hone_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE studies (
            study_id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            directions TEXT NOT NULL,
            created INTEGER NOT NULL,
            user_attrs TEXT NOT NULL DEFAULT '{}',
            system_attrs TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE trials (
            trial_id INTEGER PRIMARY KEY AUTOINCREMENT,
            study_id INTEGER NOT NULL REFERENCES studies(study_id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            state INTEGER NOT NULL,
            objective_values TEXT,
            started INTEGER,
            completed INTEGER,
            user_attrs TEXT NOT NULL DEFAULT '{}',
            system_attrs TEXT NOT NULL DEFAULT '{}',
            seq INTEGER NOT NULL,
            UNIQUE (study_id, number)
        );
        CREATE INDEX trials_by_state ON trials (study_id, state, number);
        CREATE INDEX trials_by_seq ON trials (seq);
        CREATE INDEX trials_by_study_seq ON trials (study_id, seq);
        CREATE TABLE trial_params (
            trial_id INTEGER NOT NULL REFERENCES trials(trial_id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            name TEXT NOT NULL,
            distribution TEXT NOT NULL,
            value REAL NOT NULL,
            PRIMARY KEY (trial_id, name)
        );
        CREATE TABLE trial_intermediate_values (
            trial_id INTEGER NOT NULL REFERENCES trials(trial_id) ON DELETE CASCADE,
            step INTEGER NOT NULL,
            value REAL,
            PRIMARY KEY (trial_id, step)
        );
        CREATE TABLE study_claims (
            study_id INTEGER NOT NULL REFERENCES studies(study_id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            PRIMARY KEY (study_id, key)
        );
        INSERT INTO hone_meta (key, value) VALUES ('application', 'hone');
        """,

        // 1 -> 2, worker heartbeats: the last time a running trial's worker said it was alive (UTC ticks); NULL for trials whose
        // worker sends none, which are never taken as stale. Running trials are found through trials_by_state.
        """
        ALTER TABLE trials ADD COLUMN heartbeat INTEGER;
        """,

        // 2 -> 3, intermediate vectors: a step of a multi-objective trial keeps its whole vector (a JSON array, NaN and
        // infinities as "NaN", "Infinity", "-Infinity"), while value keeps the first objective's. Rows of older files
        // keep a null vector: they are single values.
        """
        ALTER TABLE trial_intermediate_values ADD COLUMN vector TEXT;
        """,
    ];

    public static int Version => Migrations.Length;
}
