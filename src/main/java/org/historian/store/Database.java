package org.historian.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The SQLite file (WAL mode) and its migrations. Each operation borrows a pooled connection; a
 * transaction started with {@link #inTransaction} is shared by every repository call made on the
 * same thread until it ends, so several repositories can commit together.
 */
public final class Database implements AutoCloseable {
    private static final int BUSY_TIMEOUT_MS = 30_000;
    private static final long MMAP_BYTES = 256L * 1024 * 1024;
    /** Readers run side by side in WAL mode; writers take turns (busy timeout). */
    private static final int POOL_SIZE = 8;
    /** The highest version under {@code db/migration}; a test keeps the two equal. */
    static final int LATEST_MIGRATION = 7;

    private final Path file;
    private final HikariDataSource dataSource;
    private final ThreadLocal<Connection> transaction = new ThreadLocal<>();

    private Database(Path file, HikariDataSource dataSource) {
        this.file = file;
        this.dataSource = dataSource;
    }

    /** Opens (creating if needed, owner-only) and migrates the database. */
    public static Database open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            boolean posix = parent.getFileSystem().supportedFileAttributeViews().contains("posix");
            if (!Files.isDirectory(parent)) {
                if (posix) {
                    Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(parent);
                }
            }
            if (!Files.exists(file) && posix) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the database " + file + ": " + e.getMessage(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        // Archive runs read the whole message table in order; memory-mapped reads avoid a copy per page.
        config.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, Long.toString(MMAP_BYTES));
        // Write transactions take the write lock at BEGIN, so two writers never deadlock on upgrade.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(sqlite);
        pool.setMaximumPoolSize(POOL_SIZE);
        pool.setMinimumIdle(1);
        pool.setPoolName("historian-db");
        pool.setConnectionTimeout(BUSY_TIMEOUT_MS);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(pool);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new StoreException("cannot open the database " + file + ": " + cause.getMessage(), e);
        }
        Database database = new Database(file, dataSource);
        try {
            database.migrate();
        } catch (StoreException e) {
            dataSource.close();
            throw e;
        }
        return database;
    }

    /** Closes every pooled connection. */
    @Override
    public void close() {
        dataSource.close();
    }

    private void migrate() {
        if (schemaIsCurrent()) {
            // Flyway costs a third of a second of start-up even when there is nothing to do.
            return;
        }
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .loggers("slf4j")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException("cannot migrate the database " + file + ": " + e.getMessage(), e);
        }
    }

    /** True when every migration up to the latest was applied successfully, as Flyway recorded it. */
    private boolean schemaIsCurrent() {
        String history = "SELECT max(CAST(version AS INTEGER)), sum(CASE WHEN success THEN 0 ELSE 1 END) "
                + "FROM flyway_schema_history WHERE version IS NOT NULL";
        try (Connection connection = dataSource.getConnection();
                var statement = connection.prepareStatement(
                        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'flyway_schema_history'");
                var exists = statement.executeQuery()) {
            if (exists.getInt(1) == 0) {
                return false;
            }
            try (var query = connection.prepareStatement(history); var applied = query.executeQuery()) {
                return applied.next() && applied.getInt(1) == LATEST_MIGRATION && applied.getInt(2) == 0;
            }
        } catch (SQLException e) {
            return false;
        }
    }

    public Path file() {
        return file;
    }

    /** Work with a connection: the thread's transaction if one is open, else a fresh one in auto-commit mode. */
    public <T> T withConnection(SqlWork<T> work) {
        Connection shared = transaction.get();
        try {
            if (shared != null) {
                return work.apply(shared);
            }
            try (Connection connection = dataSource.getConnection()) {
                return work.apply(connection);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Runs {@code work} in one transaction; nested calls join the outer transaction. */
    public <T> T inTransaction(SqlWork<T> work) {
        if (transaction.get() != null) {
            return withConnection(work);
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            transaction.set(connection);
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                connection.rollback();
                throw e;
            } finally {
                transaction.remove();
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** A connection the caller owns and closes; for cursors that outlive one call. */
    public Connection openConnection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    StoreException failure(SQLException e) {
        return new StoreException("database " + file + ": " + e.getMessage(), e);
    }

    /** Work on a connection that may throw SQLException. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }
}
