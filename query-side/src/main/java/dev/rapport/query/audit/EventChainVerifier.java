package dev.rapport.query.audit;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes the event hash chain from the stored columns, independently of the database's hashing, and
 * reports the first break.
 * <p>
 * Each verification reads one snapshot (a read-only REPEATABLE READ transaction): events appended meanwhile
 * are not half-seen. Rows are streamed with a fetch size, events LEFT JOIN links in position order (a merge
 * join over both primary keys, no sort), so the whole log never sits in memory.
 * <p>
 * Only with the JDBC event store: with Axon Server the events, and so the chain, are not in PostgreSQL.
 */
@Component
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
public class EventChainVerifier {

    private static final int FETCH_SIZE = 1000;

    private static final String LOG = """
            SELECT %s, c.previous_hash, c.hash
            FROM domain_event_entry e LEFT JOIN event_hash_chain c ON c.global_index = e.global_index
            ORDER BY e.global_index""".formatted(StoredEvent.COLUMNS);

    private static final String CUSTOMER = """
            SELECT %s, c.previous_hash, c.hash,
                   (SELECT below.hash FROM event_hash_chain below WHERE below.global_index < e.global_index
                    ORDER BY below.global_index DESC LIMIT 1) AS preceding_hash
            FROM domain_event_entry e LEFT JOIN event_hash_chain c ON c.global_index = e.global_index
            WHERE e.customer_id = ?
            ORDER BY e.global_index""".formatted(StoredEvent.COLUMNS);

    private static final String FIRST_LINK_WITHOUT_EVENT = """
            SELECT c.global_index FROM event_hash_chain c
            WHERE NOT EXISTS (SELECT 1 FROM domain_event_entry e WHERE e.global_index = c.global_index)
            ORDER BY c.global_index LIMIT 1""";

    /** Links only (no payloads): compares stored hashes, computes none. */
    private static final String FIRST_LINK_NOT_LINKED_TO_THE_ONE_BELOW = """
            SELECT global_index FROM (
                SELECT global_index, previous_hash, lag(hash, 1, ?) OVER (ORDER BY global_index) AS below
                FROM event_hash_chain) links
            WHERE previous_hash <> below
            ORDER BY global_index LIMIT 1""";

    private final JdbcClient jdbc;
    private final TransactionTemplate snapshot;

    EventChainVerifier(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactionManager);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /**
     * The whole log, link after link.
     *
     * @param progressEvery report progress after this many intact events
     * @param progress      told how far the verification has got
     */
    public ChainVerification verifyLog(int progressEvery, Consumer<ChainProgress> progress) {
        return snapshot.execute(status -> {
            ChainWalk walk = new ChainWalk(firstLinkWithoutEvent());
            byte[] precedingLinkHash = ChainHash.GENESIS;
            try (Stream<LogRow> rows = jdbc.sql(LOG).withFetchSize(FETCH_SIZE)
                    .query((row, number) -> new LogRow(StoredEvent.from(row), StoredLink.from(row))).stream()) {
                for (LogRow row : (Iterable<LogRow>) rows::iterator) {
                    Optional<ChainVerification> broken = walk.step(row.event(), row.link(), precedingLinkHash);
                    if (broken.isPresent()) {
                        return broken.get();
                    }
                    precedingLinkHash = row.link().hash();
                    if (walk.checked() % progressEvery == 0) {
                        progress.accept(new ChainProgress(walk.checked(), row.event().position()));
                    }
                }
            }
            return walk.end();
        });
    }

    /**
     * One customer's events (by their {@code customer_id}): each must match its link, and each link must
     * link to the link just below it, whoever's that is.
     * <p>
     * A deleted event's customer is unknown: its link does not name it, and an event deleted with its link
     * leaves nothing at all. So two chain-wide checks over the links break every customer's verification: a
     * link without an event ({@link ChainProblem#MISSING_EVENT}, an anti-join) and a link not linked to the
     * link below it ({@link ChainProblem#BROKEN_LINKAGE}, one pass over the links, hashes only). Reported
     * when they lie below the customer's own first break, or the customer's events are all intact.
     */
    public ChainVerification verifyCustomer(String customerId) {
        return snapshot.execute(status -> {
            ChainWalk walk = new ChainWalk(Stream.of(firstLinkWithoutEvent(), firstLinkNotLinkedToTheOneBelow())
                    .flatMap(Optional::stream).min(ChainBreak.LOWEST_FIRST));
            try (Stream<CustomerRow> rows = jdbc.sql(CUSTOMER).param(customerId).withFetchSize(FETCH_SIZE)
                    .query((row, number) -> new CustomerRow(StoredEvent.from(row), StoredLink.from(row),
                            Optional.ofNullable(row.getBytes("preceding_hash")).orElse(ChainHash.GENESIS)))
                    .stream()) {
                for (CustomerRow row : (Iterable<CustomerRow>) rows::iterator) {
                    Optional<ChainVerification> broken = walk.step(row.event(), row.link(), row.precedingLinkHash());
                    if (broken.isPresent()) {
                        return broken.get();
                    }
                }
            }
            return walk.end();
        });
    }

    private Optional<ChainBreak> firstLinkWithoutEvent() {
        return jdbc.sql(FIRST_LINK_WITHOUT_EVENT).query(Long.class).optional()
                .map(position -> new ChainBreak(position, ChainProblem.MISSING_EVENT));
    }

    private Optional<ChainBreak> firstLinkNotLinkedToTheOneBelow() {
        return jdbc.sql(FIRST_LINK_NOT_LINKED_TO_THE_ONE_BELOW).param(ChainHash.GENESIS).query(Long.class).optional()
                .map(position -> new ChainBreak(position, ChainProblem.BROKEN_LINKAGE));
    }

    private record LogRow(StoredEvent event, StoredLink link) {
    }

    private record CustomerRow(StoredEvent event, StoredLink link, byte[] precedingLinkHash) {
    }
}
