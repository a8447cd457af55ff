namespace Hone.Storages;

/// <summary>The PostgreSQL schema and the migrations that bring an older Hone schema up to date.</summary>
/// <remarks>
/// <para>Each migration moves the schema from version i to i + 1; all pending ones run in one transaction under an
/// advisory lock, so concurrent openers migrate once and an interrupted upgrade leaves the old version. Add a migration
/// to the end; never change one that has shipped.</para>
/// <para>Identifiers come from identity columns, so that those of a deleted study and its trials are never given
/// again. <c>studies.next_number</c> numbers trials densely: the row lock taken by incrementing it orders trial
/// creations within a study. <c>trials.change_xid</c> is the transaction that last changed a trial (its row, parameters,
/// intermediate values or attributes), which incremental reads compare with their snapshots. <c>write_token</c> marks the
/// call that last wrote a row, so that a call retried after a lost commit acknowledgement recognises its own write.
/// Times are UTC ticks, as in SQLite, so that they round-trip exactly.</para>
/// </remarks>
internal static class PostgresSchema
{
    public const string Application = "hone";

    public static readonly string[] Migrations =
    [
        """
        CREATE TABLE hone_version (application text NOT NULL, version integer NOT NULL);
        CREATE TABLE studies (
            study_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            name text NOT NULL UNIQUE,
            directions text NOT NULL,
            created bigint NOT NULL,
            user_attrs text NOT NULL DEFAULT '{}',
            system_attrs text NOT NULL DEFAULT '{}',
            next_number integer NOT NULL DEFAULT 0,
            write_token uuid
        );
        CREATE TABLE trials (
            trial_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            study_id bigint NOT NULL REFERENCES studies (study_id) ON DELETE CASCADE,
            number integer NOT NULL,
            state smallint NOT NULL,
            objective_values double precision[],
            started bigint,
            completed bigint,
            user_attrs text NOT NULL DEFAULT '{}',
            system_attrs text NOT NULL DEFAULT '{}',
            change_xid bigint NOT NULL,
            write_token uuid,
            UNIQUE (study_id, number)
        );
        CREATE INDEX trials_waiting ON trials (study_id, number) WHERE state = 4;
        CREATE INDEX trials_changes ON trials (study_id, change_xid);
        CREATE TABLE trial_params (
            trial_id bigint NOT NULL REFERENCES trials (trial_id) ON DELETE CASCADE,
            ordinal integer NOT NULL,
            name text NOT NULL,
            distribution text NOT NULL,
            value double precision NOT NULL,
            PRIMARY KEY (trial_id, name)
        );
        CREATE TABLE trial_intermediate_values (
            trial_id bigint NOT NULL REFERENCES trials (trial_id) ON DELETE CASCADE,
            step integer NOT NULL,
            value double precision NOT NULL,
            PRIMARY KEY (trial_id, step)
        );
        CREATE TABLE study_claims (
            study_id bigint NOT NULL REFERENCES studies (study_id) ON DELETE CASCADE,
            key text NOT NULL,
            write_token uuid,
            PRIMARY KEY (study_id, key)
        );
        INSERT INTO hone_version (application, version) VALUES ('hone', 0);
        """,

        // 1 -> 2, worker heartbeats: the last time a running trial's worker said it was alive (UTC ticks); NULL for trials whose
        // worker sends none, which are never taken as stale. The partial index finds a study's stale trials at each ask.
        """
        ALTER TABLE trials ADD COLUMN heartbeat bigint;
        CREATE INDEX trials_running ON trials (study_id, heartbeat) WHERE state = 0;
        """,

        // 2 -> 3, intermediate vectors: a step of a multi-objective trial keeps its whole vector, while value keeps the
        // first objective's. Rows of older schemas keep a null vector: they are single values.
        """
        ALTER TABLE trial_intermediate_values ADD COLUMN vector double precision[];
        """,

        // 3 -> 4, the count of a study's trials replaced by their retries (its claims retry:n), kept on the study row beside
        // next_number: a starter that waited for that row's lock then compares both as the last writer left them.
        """
        ALTER TABLE studies ADD COLUMN replaced integer NOT NULL DEFAULT 0;
        UPDATE studies s SET replaced = (SELECT COUNT(*) FROM study_claims c WHERE c.study_id = s.study_id AND starts_with(c.key, 'retry:'));
        """,
    ];

    /// <summary>The table that holds the schema version, in every version: how a Hone schema is told from another program's.</summary>
    public const string VersionTable = "hone_version";

    public static int Version => Migrations.Length;
}
