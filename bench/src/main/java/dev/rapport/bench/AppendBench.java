package dev.rapport.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Figure 1 (append) and figure 5 (versus CRUD). Rapport: closed-loop clients sending the command mix over HTTP,
 * each client with its own customers. Baselines on the same database, plain JDBC, one connection per client, every
 * statement its own transaction (autocommit): a single-row INSERT of a copy of a stored event row into a scratch table
 * shaped like domain_event_entry (same payload sizes, no hash-chain trigger), and for CRUD an UPDATE of a plain customer
 * row (net spend += amount, purchases += 1).
 */
final class AppendBench {

    private final Commands commands;
    private final List<Customer> customers;
    private final Database database;
    private final Duration duration;
    private final long seed;

    AppendBench(Commands commands, List<Customer> customers, Database database, Duration duration, long seed) {
        this.commands = commands;
        this.customers = customers;
        this.database = database;
        this.duration = duration;
        this.seed = seed;
    }

    ClosedLoop.Result rapport(int clients, Mix mix) throws Exception {
        return ClosedLoop.run(clients, duration, client -> {
            List<Customer> share = Generator.share(customers, client, clients);
            Random random = new Random(seed * 7919 + client);
            return () -> commands.perform(share.get(random.nextInt(share.size())), mix.pick(random), random);
        });
    }

    /** Plain single-row INSERT transactions of stored event rows into a copy of domain_event_entry. */
    ClosedLoop.Result insertBaseline(int clients) throws Exception {
        List<Object[]> sample = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS bench_event_insert");
            statement.execute("CREATE TABLE bench_event_insert (LIKE domain_event_entry INCLUDING ALL)");
            try (ResultSet rows = statement.executeQuery("""
                    SELECT type, time_stamp, payload_type, payload_revision, payload, meta_data FROM domain_event_entry
                    ORDER BY global_index DESC LIMIT 2000""")) {
                while (rows.next()) {
                    sample.add(new Object[] {rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5),
                            rows.getString(6)});
                }
            }
        }
        List<Connection> connections = new ArrayList<>();
        try {
            return ClosedLoop.run(clients, duration, client -> {
                Connection connection = database.connect();
                connections.add(connection);
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO bench_event_insert (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                            payload_type, payload_revision, payload, meta_data) VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?)""");
                Random random = new Random(seed + client);
                return () -> {
                    Object[] row = sample.get(random.nextInt(sample.size()));
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, UUID.randomUUID().toString());
                    for (int i = 0; i < row.length; i++) {
                        insert.setString(3 + i, (String) row[i]);
                    }
                    return insert.executeUpdate() == 1;
                };
            });
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    /** What a user would build without event sourcing: the sale as an UPDATE of the customer's row. */
    ClosedLoop.Result crudBaseline(int clients) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS bench_crud_customer");
            statement.execute("""
                    CREATE TABLE bench_crud_customer (customer_id VARCHAR(64) PRIMARY KEY, display_name VARCHAR(200) NOT NULL,
                        net_spend NUMERIC(16, 4) NOT NULL DEFAULT 0, purchase_count INT NOT NULL DEFAULT 0,
                        last_purchase_at TIMESTAMPTZ)""");
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO bench_crud_customer (customer_id, display_name) VALUES (?, ?)")) {
                for (Customer customer : customers) {
                    insert.setString(1, customer.id);
                    insert.setString(2, "Customer " + customer.number);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        List<Connection> connections = new ArrayList<>();
        try {
            return ClosedLoop.run(clients, duration, client -> {
                Connection connection = database.connect();
                connections.add(connection);
                PreparedStatement update = connection.prepareStatement("""
                        UPDATE bench_crud_customer SET net_spend = net_spend + ?, purchase_count = purchase_count + 1,
                            last_purchase_at = now() WHERE customer_id = ?""");
                List<Customer> share = Generator.share(customers, client, clients);
                Random random = new Random(seed + client);
                return () -> {
                    update.setBigDecimal(1, java.math.BigDecimal.valueOf(500 + random.nextInt(50_000), 2));
                    update.setString(2, share.get(random.nextInt(share.size())).id);
                    return update.executeUpdate() == 1;
                };
            });
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    void dropScratchTables() throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS bench_event_insert");
            statement.execute("DROP TABLE IF EXISTS bench_crud_customer");
        }
    }
}
